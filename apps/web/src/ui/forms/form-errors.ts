import { useState } from 'react';
import type { z } from 'zod';
import { ApiError } from '../../app/api.ts';
import { serverMessage, t } from '../../i18n/index.ts';
import { humanIssue, type Issue } from './human-issue.ts';

export type FieldErrors = Record<string, string>;

/** zod issues or the server's `issues[]` → one message per field (the first wins), worded for a person. */
export function toFieldErrors(issues: readonly Issue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const path = typeof issue.path === 'string' ? issue.path : issue.path.map(String).join('.');
    const field = path.split('.')[0] ?? path;
    errors[field] ??= humanIssue(issue);
  }
  return errors;
}

/** Form state for a form that saves to the server: per-field errors and a form-level message. */
export function useServerForm() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit<S extends z.ZodType, R>(
    schema: S,
    input: unknown,
    save: (value: z.infer<S>) => Promise<R>,
  ): Promise<R | null> {
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      setErrors(toFieldErrors(parsed.error.issues));
      setMessage(t('office.job.fixErrors'));
      return null;
    }
    setBusy(true);
    setErrors({});
    setMessage(null);
    try {
      const saved = await save(parsed.data);
      setMessage(t('office.form.saved'));
      return saved;
    } catch (error) {
      if (error instanceof ApiError) {
        setErrors(toFieldErrors(error.issues));
        setMessage(serverMessage(error.detail, error.message));
      } else setMessage(t('office.form.offline'));
      return null;
    } finally {
      setBusy(false);
    }
  }
  return { errors, message, busy, submit, setMessage };
}
