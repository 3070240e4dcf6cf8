import { STALE_DEVICE_DAYS, type Device } from '@lastmile/domain';
import { formatDay, formatTime, useT } from '../../i18n/index.ts';
import { daysWithoutContact, megabytes, shortClientId } from './device-facts.ts';

const when = (iso: string) => `${formatDay(iso)} ${formatTime(iso)}`;

type Props = { device: Device; now: Date; onRevoke: (device: Device, opener: HTMLButtonElement) => void };

/** One device: who, which browser, when it last synced (and how long ago), what it still holds. */
export function DeviceCard({ device, now, onRevoke }: Props) {
  const t = useT();
  const name = device.userName ?? t('devices.unknownPerson');
  const browser = device.browser ?? t('devices.unknownBrowser');
  const days = daysWithoutContact(device.lastContactAt, now);
  // Said from the first whole day; marked as a warning from the drift report's threshold on.
  const quiet = device.revokedAt === null && days >= 1;
  const stale = days >= STALE_DEVICE_DAYS;
  const reported = device.pendingCount !== null;
  const storage =
    device.storageUsedBytes === null
      ? null
      : device.storageQuotaBytes === null
        ? t('devices.storageUsed', { used: t('devices.megabytes', { value: megabytes(device.storageUsedBytes) }) })
        : t('devices.storage', {
            used: t('devices.megabytes', { value: megabytes(device.storageUsedBytes) }),
            quota: t('devices.megabytes', { value: megabytes(device.storageQuotaBytes) }),
          });
  return (
    <article
      className={`device-card${device.revokedAt ? ' device-card--revoked' : ''}`}
      data-client-id={device.clientId}
    >
      <h2 className="device-card__title">
        {name}
        <span className="device-card__sub">
          {device.os ? t('devices.browserOn', { browser, os: device.os }) : browser} · {shortClientId(device.clientId)}
          {device.appVersion ? ` · ${t('devices.appVersion', { version: device.appVersion })}` : ''}
        </span>
      </h2>
      <p>
        {t('devices.lastContact', { when: when(device.lastContactAt) })}
        {quiet ? (
          <>
            {' '}
            <strong className={stale ? 'device-card__stale' : undefined}>{t('devices.stale', { days })}</strong>
          </>
        ) : null}
      </p>
      {reported ? (
        <p>
          {device.pendingCount === 0
            ? t('devices.allSynced')
            : `${t('devices.pending', { count: device.pendingCount ?? 0 })}${
                device.oldestPendingAt ? `, ${t('devices.pendingSince', { when: when(device.oldestPendingAt) })}` : ''
              }`}
        </p>
      ) : (
        <p className="device-card__muted">{t('devices.notReported')}</p>
      )}
      {storage ? <p>{storage}</p> : null}
      {device.revokedAt ? (
        <p className="device-card__revoked">
          {t('devices.revokedBy', { when: when(device.revokedAt), name: device.revokedByName ?? '' })}
          {device.revokeReason ? (
            <>
              <br />
              {t('devices.revokedReason', { reason: device.revokeReason })}
            </>
          ) : null}
        </p>
      ) : (
        <button
          type="button"
          className="button device-card__revoke"
          aria-label={t('devices.revokeLabel', { name, device: shortClientId(device.clientId) })}
          onClick={(event) => onRevoke(device, event.currentTarget)}
        >
          {t('devices.revoke')}
        </button>
      )}
    </article>
  );
}
