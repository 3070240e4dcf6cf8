import { JOB_STATUSES, ROLES, type JobStatus, type MessageDetail, type Role } from '@lastmile/domain';
import { roleKey, statusKey } from './domain-labels.ts';
import { t as activeT } from './locale.ts';
import { isMessageKey, type Params, type Translate } from './translate.ts';

const isStatus = (value: string): value is JobStatus => JOB_STATUSES.some((status) => status === value);
const isRole = (value: string): value is Role => ROLES.some((role) => role === value);

// Statuses and roles travel as codes so each language names them in its own words.
function nameCodes(params: Params, t: Translate): Params {
  const named: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'string' && (name === 'status' || name === 'from' || name === 'to') && isStatus(value)) {
      named[name] = t(statusKey(value));
    } else if (name === 'roles' && typeof value === 'string') {
      named[name] = value
        .split(',')
        .filter(isRole)
        .map((role) => t(roleKey(role)))
        .join(', ');
    } else named[name] = value;
  }
  return named;
}

/**
 * The words for a server or domain message in the person's language, from the key and parameters
 * it carries; the server's English `message` when it has none or the key is newer than this app.
 */
export function serverMessage(detail: MessageDetail | undefined, english: string, t: Translate = activeT): string {
  if (!detail) return english;
  const key = `server.${detail.key}`;
  return isMessageKey(key) ? t(key, nameCodes(detail.params ?? {}, t)) : english;
}
