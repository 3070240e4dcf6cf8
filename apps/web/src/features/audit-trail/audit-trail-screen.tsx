import { useQuery } from '@tanstack/react-query';
import { userRowSchema } from '@lastmile/domain';
import { useId } from 'react';
import { useSearchParams } from 'react-router';
import { z } from 'zod';
import { apiRequest } from '../../app/api.ts';
import { useAuditDevices } from '../../audit/audit-api.ts';
import { auditDateTime } from '../../audit/describe-audit-event.ts';
import { AuditTimeline } from '../../audit/audit-timeline.tsx';
import { useT } from '../../i18n/index.ts';

function usePeople() {
  return useQuery({
    queryKey: ['admin-users'],
    queryFn: ({ signal }) => apiRequest('/api/admin/users', { schema: z.array(userRowSchema), signal }),
    retry: false,
    networkMode: 'always',
  });
}

const deviceHref = (clientId: string) => `/office/audit?device=${encodeURIComponent(clientId)}`;

/**
 * The office's view of the audit trail per person and per device: choose one, read what they
 * changed, newest first. The choice lives in the address (`?person=` / `?device=`), so a device
 * named on a person's trail opens with one click and the page can be shared.
 */
export function AuditTrailScreen() {
  const t = useT();
  const ids = useId();
  const personId = `${ids}-p`;
  const deviceId = `${ids}-d`;
  const [params, setParams] = useSearchParams();
  const person = params.get('person');
  const device = params.get('device');
  const people = usePeople();
  const devices = useAuditDevices();
  const personName = people.data?.find((p) => p.id === person)?.name;
  return (
    <section className="office" aria-labelledby={`${ids}-h`}>
      <h1 id={`${ids}-h`}>{t('audit.title')}</h1>
      <p>{t('audit.intro')}</p>
      <div className="audit-pickers">
        <div className="field">
          <label htmlFor={personId}>{t('audit.pick.person')}</label>
          <select
            id={personId}
            value={person ?? ''}
            onChange={(e) => setParams(e.target.value ? { person: e.target.value } : {})}
          >
            <option value="">{t('audit.pick.none')}</option>
            {(people.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={deviceId}>{t('audit.pick.device')}</label>
          <select
            id={deviceId}
            value={device ?? ''}
            onChange={(e) => setParams(e.target.value ? { device: e.target.value } : {})}
          >
            <option value="">{t('audit.pick.none')}</option>
            {(devices.data ?? []).map((d) => (
              <option key={d.clientId} value={d.clientId}>
                {t('audit.pick.deviceOption', {
                  name: d.userName,
                  id: d.clientId.slice(0, 12),
                  at: auditDateTime(d.lastSeenAt),
                })}
              </option>
            ))}
          </select>
        </div>
      </div>
      {people.isError || devices.isError ? <p role="alert">{t('audit.offline')}</p> : null}
      {person ? (
        <AuditTimeline
          key={`p-${person}`}
          subject={{ kind: 'person', id: person }}
          heading={t('audit.heading.person', { name: personName ?? '' })}
          deviceHref={deviceHref}
        />
      ) : null}
      {device ? (
        <AuditTimeline
          key={`d-${device}`}
          subject={{ kind: 'device', id: device }}
          heading={t('audit.heading.device', { id: device.slice(0, 12) })}
        />
      ) : null}
      {!person && !device ? <p>{t('audit.pick.prompt')}</p> : null}
    </section>
  );
}
