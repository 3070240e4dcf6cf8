import { useQueryClient } from '@tanstack/react-query';
import { DEVICE_SORTS, deviceSortSchema, type Device } from '@lastmile/domain';
import { useId, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError, NetworkError } from '../../app/api.ts';
import { serverMessage, useT } from '../../i18n/index.ts';
import { DeviceCard } from './device-card.tsx';
import { revokeDevice, useDevices, usePeople } from './devices-api.ts';
import { RevokeDialog } from './revoke-dialog.tsx';
import './devices.css';

/**
 * The admin's device registry: every browser profile that syncs, who uses it, when it last
 * synced and what it still holds; filter by person, order by last contact (the quietest first
 * shows the phones that stopped syncing); revoke a lost or stolen one. Online only (REST).
 * The filter and order live in the address, so a reload or a shared link keeps them.
 */
export function DevicesScreen() {
  const t = useT();
  const ids = useId();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const userId = params.get('person');
  const sort = deviceSortSchema.catch('last_contact_desc').parse(params.get('sort') ?? undefined);
  const devices = useDevices({ userId, sort });
  const people = usePeople();
  const [revoking, setRevoking] = useState<{ device: Device; opener: HTMLElement } | null>(null);
  const [announcement, setAnnouncement] = useState('');
  // "Not synced for N days" counts from when the list was fetched (a pure render, no clock read).
  const now = new Date(devices.dataUpdatedAt);

  const setParam = (name: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  async function confirmRevoke(device: Device, reason: string): Promise<string | null> {
    try {
      await revokeDevice(device.id, reason);
    } catch (error) {
      const message =
        error instanceof ApiError
          ? serverMessage(error.detail, error.message)
          : error instanceof Error
            ? error.message
            : '';
      return t('devices.revoke.failed', { message });
    }
    setAnnouncement(t('devices.revoke.done', { name: device.userName ?? t('devices.unknownPerson') }));
    await queryClient.invalidateQueries({ queryKey: ['admin-devices'] });
    return null;
  }

  const list = devices.data?.devices ?? [];
  return (
    <section className="office devices" aria-labelledby={`${ids}-h`}>
      <h1 id={`${ids}-h`}>{t('devices.title')}</h1>
      <p>{t('devices.intro')}</p>
      <div className="devices__filters">
        <div className="field">
          <label htmlFor={`${ids}-person`}>{t('devices.filter.person')}</label>
          <select
            id={`${ids}-person`}
            value={userId ?? ''}
            onChange={(e) => setParam('person', e.target.value || null)}
          >
            <option value="">{t('devices.filter.everyone')}</option>
            {(people.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-sort`}>{t('devices.sort')}</label>
          <select id={`${ids}-sort`} value={sort} onChange={(e) => setParam('sort', e.target.value)}>
            {DEVICE_SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`devices.sort.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p role="status" className="devices__status">
        {devices.isPending ? t('devices.loading') : devices.isSuccess ? t('devices.count', { count: list.length }) : ''}
        {announcement ? ` ${announcement}` : ''}
      </p>
      {devices.isError ? (
        <p role="alert">
          {devices.error instanceof NetworkError
            ? t('devices.offline')
            : t('devices.error', {
                message:
                  devices.error instanceof ApiError
                    ? serverMessage(devices.error.detail, devices.error.message)
                    : devices.error.message,
              })}
        </p>
      ) : null}
      {devices.isSuccess && list.length === 0 ? <p>{t('devices.empty')}</p> : null}
      {list.length > 0 ? (
        <ul className="devices__list">
          {list.map((device) => (
            <li key={device.id}>
              <DeviceCard device={device} now={now} onRevoke={(d, opener) => setRevoking({ device: d, opener })} />
            </li>
          ))}
        </ul>
      ) : null}
      {revoking ? (
        <RevokeDialog
          device={revoking.device}
          opener={revoking.opener}
          onConfirm={(reason) => confirmRevoke(revoking.device, reason)}
          onClose={() => setRevoking(null)}
        />
      ) : null}
    </section>
  );
}
