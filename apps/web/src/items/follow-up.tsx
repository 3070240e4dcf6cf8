import {
  newId,
  type JobTypeRow,
  type MutatorArgs,
  type OutstandingItemRow,
  type SessionInfo,
  type SiteRow,
} from '@lastmile/domain';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useT } from '../i18n/index.ts';
import { useAppDb } from '../local-db/app-db-context.tsx';
import { useSync } from '../sync/sync-context.tsx';
import { refusalMessage } from '../sync/refusal.ts';

type Inputs = {
  item: OutstandingItemRow;
  site: SiteRow;
  jobType: JobTypeRow;
  teamId: string | null;
  now: Date;
  id?: string;
};

/**
 * A follow-up job for an item: same site and customer, unassigned (it lands in the lead's tray),
 * on the due date or else the next working morning at 08:00, for the job type's default length.
 */
export function followUpJobArgs({ item, site, jobType, teamId, now, id = newId() }: Inputs): MutatorArgs<'createJob'> {
  let start: Date;
  if (item.dueDate && item.dueDate >= isoDay(now)) {
    const [y, m, d] = item.dueDate.split('-').map(Number) as [number, number, number];
    start = new Date(y, m - 1, d, 8);
  } else {
    start = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 8);
    while (start.getDay() === 0 || start.getDay() === 6) start.setDate(start.getDate() + 1);
  }
  const end = new Date(start.getTime() + Math.max(15, jobType.defaultDurationMinutes) * 60_000);
  return {
    id,
    jobTypeId: jobType.id,
    customerId: site.customerId,
    siteId: site.id,
    teamId,
    assigneeId: null,
    priority: item.priority,
    scheduledStart: start.toISOString(),
    scheduledEnd: end.toISOString(),
    title: item.title.slice(0, 200),
    notes: item.description,
    externalRef: null,
  };
}

function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

type Props = { item: OutstandingItemRow; session: SessionInfo; onError: (message: string | null) => void };

/** Lead and office: turn an item into a job, and move the item onto it (in progress). */
export function FollowUpButton({ item, session, onError }: Props) {
  const t = useT();
  const navigate = useNavigate();
  const db = useAppDb();
  const sync = useSync();
  const [busy, setBusy] = useState(false);

  async function create() {
    setBusy(true);
    onError(null);
    try {
      const site = item.siteId ? await db.sites.get(item.siteId) : undefined;
      const source = item.jobId ? await db.jobs.get(item.jobId) : undefined;
      const jobType =
        (source && (await db.jobTypes.get(source.jobTypeId))) ?? (await db.jobTypes.orderBy('id').first());
      if (!site || !jobType) {
        onError(t('items.followUp.missing'));
        return;
      }
      const teamId = session.user.role === 'lead' ? session.user.teamId : (item.teamId ?? source?.teamId ?? null);
      const args = followUpJobArgs({ item, site, jobType, teamId, now: new Date() });
      await sync.mutate('createJob', args);
      await sync.mutate('updateOutstandingItem', { id: item.id, jobId: args.id, status: 'in_progress' });
      void navigate(`/jobs/${args.id}`);
    } catch (e) {
      onError(refusalMessage(e, t('job.error.unexpected')));
    } finally {
      setBusy(false);
    }
  }

  return (
    <button type="button" className="button button--ghost" disabled={busy} onClick={() => void create()}>
      {t('items.followUp.create')}
    </button>
  );
}
