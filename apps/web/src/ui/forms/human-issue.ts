import { t } from '../../i18n/index.ts';

/** A validation issue from zod on this device (with its code) or from the server (message only). */
export type Issue = {
  path: string | readonly PropertyKey[];
  message: string;
  code?: string;
  format?: string;
  input?: unknown;
};

/**
 * What a person reads for a validation issue: schema wording ("must be a UUID", "Invalid ISO
 * datetime") says what the program expected, not what to do, so the usual cases are reworded;
 * messages already written for people pass through.
 */
export function humanIssue(issue: Issue): string {
  const format = issue.format ?? '';
  const text = issue.message;
  if (issue.code === 'invalid_type' && (issue.input === undefined || issue.input === null || issue.input === ''))
    return t('office.error.required');
  if (format === 'uuid' || /\bUUID\b/i.test(text)) return t('office.error.choose');
  if (format === 'datetime' || /ISO( 8601)? (date-?time|datetime)|Invalid ISO datetime/i.test(text))
    return t('office.error.dateTime');
  if (format === 'date' || /Invalid ISO date\b/i.test(text)) return t('office.error.date');
  if (format === 'email' || /Invalid email/i.test(text)) return t('office.error.email');
  if (/^Invalid input/i.test(text)) return t('office.error.invalid');
  return text;
}
