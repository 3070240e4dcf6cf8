import { JOB_STATUSES, type JobStatus } from '@lastmile/domain';
import type { MessageKey, Translate } from '../i18n/index.ts';

/** What a description needs from this phone's rows; missing rows give vaguer words, never an error. */
export type ChangeLookup = {
  jobNumber(jobId: string): string | undefined;
  /** A form response's job and version: from this phone's rows, or from a start still queued or refused. */
  response(responseId: string): { jobId: string; templateVersionId: string } | undefined;
  fieldLabel(templateVersionId: string, fieldKey: string): string | undefined;
  personName(userId: string): string | undefined;
  item(itemId: string): { title: string; jobId: string | null } | undefined;
};

export type ChangeDescription = {
  /** The attempt in words, with the typed value shortened. */
  summary: string;
  /** What the person typed or chose, in full, to copy and enter again; null when there is nothing to re-type. */
  value: string | null;
  /** The job it is about when this phone has it (for a link), and whether its form is the place to go. */
  job: { id: string; number: string; form: boolean } | null;
};

const SHORT = 60;
const FORM_MUTATIONS = new Set(['setAnswer', 'startForm', 'submitForm', 'moveFormToVersion', 'reopenForm']);

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= SHORT) return flat;
  const cut = flat.slice(0, SHORT - 1);
  // End on a whole word when there is one to end on.
  const space = cut.lastIndexOf(' ');
  return `${space > SHORT / 2 ? cut.slice(0, space) : cut}…`;
}

function field(args: unknown, key: string): unknown {
  return args && typeof args === 'object' ? (args as Record<string, unknown>)[key] : undefined;
}

function text(args: unknown, key: string): string | null {
  const value = field(args, key);
  return typeof value === 'string' ? value : null;
}

/** An answer as a person reads and re-types it (choices are stored by their value). */
export function answerText(value: unknown, t: Translate): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return t(value ? 'change.yes' : 'change.no');
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(', ');
  return JSON.stringify(value);
}

function isStatus(value: unknown): value is JobStatus {
  return typeof value === 'string' && (JOB_STATUSES as readonly string[]).includes(value);
}

/** The change in words from its arguments: what was tried, the value that did not land, and its job. */
export function describeChange(name: string, args: unknown, lookup: ChangeLookup, t: Translate): ChangeDescription {
  const response = text(args, 'responseId') ? lookup.response(text(args, 'responseId')!) : undefined;
  const itemId = name === 'updateOutstandingItem' ? text(args, 'id') : null;
  const jobId =
    (name === 'createJob' ? text(args, 'id') : text(args, 'jobId')) ??
    response?.jobId ??
    (itemId ? lookup.item(itemId)?.jobId : null) ??
    null;
  const number = jobId ? lookup.jobNumber(jobId) : undefined;
  const job = number ?? t('change.someJob');
  const quoted = (key: string) => t('change.quoted', { text: shorten(text(args, key) ?? '') });
  const fieldLabel = () => {
    const key = text(args, 'fieldKey') ?? '';
    return (response && lookup.fieldLabel(response.templateVersionId, key)) ?? key;
  };

  let summary: string;
  let value: string | null = null;
  switch (name) {
    case 'updateJobNotes':
      summary = t('change.notes', { job, text: quoted('notes') });
      value = text(args, 'notes');
      break;
    case 'postJobMessage':
      summary = t('change.message', { job, text: quoted('body') });
      value = text(args, 'body');
      break;
    case 'transitionJob': {
      const to = field(args, 'to');
      const what = isStatus(to) ? t(`change.to.${to}` as MessageKey, { job }) : t('mutation.transitionJob');
      const reason = text(args, 'reason');
      summary = reason ? t('change.withReason', { what, reason: shorten(reason) }) : what;
      value = reason;
      break;
    }
    case 'assignJob': {
      const assignee = text(args, 'assigneeId');
      summary = assignee
        ? t('change.assign', { job, person: lookup.personName(assignee) ?? t('change.someone') })
        : t('change.unassign', { job });
      value = text(args, 'handoffNote') || null;
      break;
    }
    case 'createJob':
      summary = t('change.createJob', { text: quoted('title') });
      value = [text(args, 'title'), text(args, 'notes')].filter(Boolean).join('\n') || null;
      break;
    case 'updateJob':
      summary = t('change.updateJob', { job });
      value = [text(args, 'title'), text(args, 'notes')].filter(Boolean).join('\n') || null;
      break;
    case 'addOutstandingItem':
      summary = jobId
        ? t('change.addItem', { job, text: quoted('title') })
        : t('change.addItemNoJob', { text: quoted('title') });
      value = [text(args, 'title'), text(args, 'description')].filter(Boolean).join('\n') || null;
      break;
    case 'updateOutstandingItem': {
      const title = text(args, 'title') ?? (itemId ? lookup.item(itemId)?.title : undefined) ?? '';
      summary = t('change.updateItem', { text: t('change.quoted', { text: shorten(title) }) });
      value = [text(args, 'title'), text(args, 'description')].filter(Boolean).join('\n') || null;
      break;
    }
    case 'setAnswer': {
      const raw = field(args, 'value');
      // A drawn signature is an image: nothing a person could paste back.
      const signature = typeof raw === 'string' && raw.startsWith('data:image/');
      value = signature ? null : answerText(raw, t);
      summary =
        value === null && !signature
          ? t('change.clearAnswer', { field: fieldLabel(), job })
          : t('change.answer', {
              field: fieldLabel(),
              value: signature ? t('change.signature') : shorten(value!),
              job,
            });
      break;
    }
    case 'resolveAnswerConflict':
      summary = t('change.resolveConflict', { field: fieldLabel(), job });
      break;
    case 'startForm':
    case 'submitForm':
    case 'reopenForm':
      summary = t(`change.${name}`, { job });
      break;
    case 'moveFormToVersion':
      summary = t('change.moveForm', { job });
      break;
    case 'addAttachment':
      summary = t(field(args, 'kind') === 'answer' ? 'change.addPhotoToForm' : 'change.addPhoto', { job });
      value = text(args, 'caption') || null;
      break;
    case 'setAttachmentCaption':
      summary = t('change.captionPhoto', { text: quoted('caption') });
      value = text(args, 'caption');
      break;
    case 'deleteAttachment':
      summary = t('change.deletePhoto');
      break;
    default:
      summary = name;
  }
  return {
    summary,
    value: value && value.trim() !== '' ? value : null,
    job: jobId && number ? { id: jobId, number, form: FORM_MUTATIONS.has(name) } : null,
  };
}
