import { nextStatuses, transitionNeedsReason, type JobStatus, type Role } from '@lastmile/domain';
import type { MessageKey } from '../../i18n/index.ts';

export type JobAction = {
  to: JobStatus;
  label: MessageKey;
  needsReason: boolean;
  /** The reason form's textbox label and confirm button, when a reason is needed. */
  reasonLabel?: MessageKey;
  confirmLabel?: MessageKey;
  /** Secondary actions (cancel, send back) are shown smaller, after the main step. */
  secondary: boolean;
};

const REASON: Partial<Record<JobStatus, { reasonLabel: MessageKey; confirmLabel: MessageKey }>> = {
  paused: { reasonLabel: 'job.pause.reason', confirmLabel: 'job.pause.confirm' },
  sent_back: { reasonLabel: 'job.sendBack.reason', confirmLabel: 'job.sendBack.confirm' },
  cancelled: { reasonLabel: 'job.cancel.reason', confirmLabel: 'job.cancel.confirm' },
};

function labelFor(from: JobStatus, to: JobStatus): MessageKey {
  switch (to) {
    case 'in_progress':
      return from === 'paused' ? 'job.action.resume' : 'job.action.start';
    case 'paused':
      return 'job.action.pause';
    case 'completed':
      return 'job.action.complete';
    case 'submitted':
      return 'job.action.submit';
    case 'approved':
      return 'job.action.approve';
    case 'sent_back':
      return 'job.action.sendBack';
    case 'cancelled':
      return 'job.action.cancel';
    case 'scheduled':
      return 'job.action.start';
  }
}

/** The buttons for a job, straight from the status machine: only steps that can work are offered. */
export function jobActions(from: JobStatus, role: Role): JobAction[] {
  return nextStatuses(from, role).map((to) => ({
    to,
    label: labelFor(from, to),
    needsReason: transitionNeedsReason(to),
    ...REASON[to],
    secondary: to === 'cancelled' || to === 'sent_back',
  }));
}

/** Google Maps' universal link opens the maps app on Android and iOS, and the website elsewhere. */
export function mapsUrl(site: { address: string; lat: number | null; lng: number | null }): string {
  const query = site.lat !== null && site.lng !== null ? `${site.lat},${site.lng}` : site.address;
  return `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(query)}`;
}

/** A phone number as a tel: URI (digits and a leading +). */
export function telUrl(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}
