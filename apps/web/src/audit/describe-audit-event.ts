import {
  isMutatorName,
  JOB_STATUSES,
  ROLES,
  type AuditChange,
  type AuditEvent,
  type JobStatus,
  type Role,
} from '@lastmile/domain';
import {
  formatDay,
  formatTime,
  isMessageKey,
  roleKey,
  statusKey,
  type MessageKey,
  type Translate,
} from '../i18n/index.ts';

/** How one event reads: a title and one line per value it changed. */
export type AuditDescription = { title: string; changes: string[] };

const REST_VERB: Record<string, MessageKey> = {
  POST: 'audit.rest.post',
  PUT: 'audit.rest.put',
  PATCH: 'audit.rest.patch',
  DELETE: 'audit.rest.delete',
};

function isStatus(value: unknown): value is JobStatus {
  return typeof value === 'string' && (JOB_STATUSES as readonly string[]).includes(value);
}

function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Fields whose values are people's or teams' ids, shown by name. */
const NAMED_FIELDS: ReadonlySet<string> = new Set(['assigneeId', 'teamId', 'leadId']);

function dateTime(iso: string): string {
  return `${formatDay(iso)} ${formatTime(iso)}`;
}

/** A value as a person reads it: names for ids, labels for statuses, dates in their locale. */
function formatValue(change: AuditChange, value: unknown, names: Record<string, string>, t: Translate): string {
  if (value === null || value === undefined || value === '') return t('audit.value.none');
  if (NAMED_FIELDS.has(change.field)) {
    return typeof value === 'string' ? (names[value] ?? t('audit.value.unknown')) : t('audit.value.unknown');
  }
  if (change.field === 'status' && isStatus(value)) return t(statusKey(value));
  if (change.field === 'role' && isRole(value)) return t(roleKey(value));
  if ((change.field === 'scheduledStart' || change.field === 'scheduledEnd') && typeof value === 'string') {
    return dateTime(value);
  }
  if (typeof value === 'boolean') return t(value ? 'audit.value.yes' : 'audit.value.no');
  if (typeof value === 'string') return `“${value}”`;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return t('audit.value.list', { count: value.length });
  return JSON.stringify(value);
}

function fieldLabel(change: AuditChange, t: Translate): string {
  if (change.field === 'answer') return t('audit.field.answer', { key: change.fieldKey ?? '' });
  if (change.field === 'answerConflict') return t('audit.field.answerConflict', { key: change.fieldKey ?? '' });
  const key = `audit.field.${change.field}`;
  return isMessageKey(key) ? t(key) : change.field;
}

function title(event: AuditEvent, names: Record<string, string>, t: Translate): string {
  // A mutation comes by sync, or through the REST API for other systems (/api/v1): the same words.
  const mutation = `mutation.${event.action}`;
  if (isMutatorName(event.action) && isMessageKey(mutation)) return t(mutation);
  if (event.source === 'sync') return event.action;
  const named = `audit.action.${event.action}`;
  if (isMessageKey(named)) {
    // An admin's change to a person or a team says whom it changed (the page names them).
    const whom =
      (event.entity === 'user' || event.entity === 'team') && event.entityId ? names[event.entityId] : undefined;
    return whom ? t('audit.actionOn', { action: t(named), name: whom }) : t(named);
  }
  // The catch-all REST record: `METHOD /api/...`; the route's entity is its first path segment.
  const [method = '', path = ''] = event.action.split(' ');
  const verb = REST_VERB[method];
  return verb ? t(verb, { what: event.entity ?? path }) : event.action;
}

/** Worded on the client from the event's structured fields, so it follows the person's language. */
export function describeAuditEvent(event: AuditEvent, names: Record<string, string>, t: Translate): AuditDescription {
  return {
    title: title(event, names, t),
    changes: event.changes.map((change) =>
      t('audit.change', {
        field: fieldLabel(change, t),
        before: formatValue(change, change.before, names, t),
        after: formatValue(change, change.after, names, t),
      }),
    ),
  };
}

export { dateTime as auditDateTime };
