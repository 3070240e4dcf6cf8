import { MIN_PASSWORD_LENGTH, passwordChangeSchema } from '@lastmile/domain';
import { useId, useRef, useState, type FormEvent } from 'react';
import { apiRequest, ApiError, NetworkError } from '../../app/api.ts';
import { serverMessage, useT } from '../../i18n/index.ts';
import { z } from 'zod';
import './account.css';

type Problem = { field: 'current' | 'new' | 'repeat' | null; text: string };

/**
 * A signed-in person changes their own password: the current one, the new one twice. The server
 * signs out their other devices; this one stays signed in (and, through `onChanged`, learns the
 * new password for signing in offline).
 */
export function ChangePasswordScreen({ onChanged }: { onChanged: (password: string) => Promise<void> }) {
  const t = useT();
  const id = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const fields = {
    current: useRef<HTMLInputElement>(null),
    new: useRef<HTMLInputElement>(null),
    repeat: useRef<HTMLInputElement>(null),
  };

  function refuse(found: Problem) {
    setProblem(found);
    if (found.field) fields[found.field].current?.focus();
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(false);
    if (!current) return refuse({ field: 'current', text: t('account.password.currentMissing') });
    if (next.length < MIN_PASSWORD_LENGTH) return refuse({ field: 'new', text: t('session.setPasswordTooShort') });
    if (next !== repeat) return refuse({ field: 'repeat', text: t('session.setPasswordMismatch') });
    if (next === current) return refuse({ field: 'new', text: t('account.password.same') });
    const body = passwordChangeSchema.safeParse({ currentPassword: current, newPassword: next });
    if (!body.success) return refuse({ field: 'new', text: t('account.password.invalid') });
    setBusy(true);
    setProblem(null);
    try {
      await apiRequest('/api/auth/password', { method: 'POST', body: body.data, schema: z.null() });
      await onChanged(next).catch(() => undefined);
      setCurrent('');
      setNext('');
      setRepeat('');
      setDone(true);
    } catch (error) {
      if (error instanceof NetworkError) refuse({ field: null, text: t('account.password.offline') });
      else if (error instanceof ApiError && error.issues.some((i) => i.path === 'currentPassword'))
        refuse({ field: 'current', text: t('account.password.wrongCurrent') });
      else if (error instanceof ApiError) refuse({ field: null, text: serverMessage(error.detail, error.message) });
      else refuse({ field: null, text: t('account.password.failed') });
    } finally {
      setBusy(false);
    }
  }

  const errorFor = (field: Problem['field']) => (problem && problem.field === field ? problem.text : null);
  const input = (field: 'current' | 'new' | 'repeat', label: string, value: string, set: (v: string) => void) => {
    const error = errorFor(field);
    return (
      <div className="field">
        <label htmlFor={`${id}-${field}`}>{label}</label>
        <input
          id={`${id}-${field}`}
          ref={fields[field]}
          type="password"
          autoComplete={field === 'current' ? 'current-password' : 'new-password'}
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-${field}-error` : undefined}
          onChange={(e) => set(e.target.value)}
        />
        {error && (
          <span id={`${id}-${field}-error`} className="field__error">
            {error}
          </span>
        )}
      </div>
    );
  };

  return (
    <section className="account" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`}>{t('account.password.title')}</h1>
      <p className="account__intro">{t('account.password.intro')}</p>
      <form className="stack account__form" onSubmit={(e) => void submit(e)} noValidate>
        {input('current', t('account.password.current'), current, setCurrent)}
        {input('new', t('session.setPasswordNew'), next, setNext)}
        {input('repeat', t('session.setPasswordRepeat'), repeat, setRepeat)}
        <p className="form-error" role="alert">
          {problem && problem.field === null ? problem.text : ''}
        </p>
        <p className="account__done" role="status">
          {done ? t('account.password.changed') : ''}
        </p>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('session.setPasswordSaving') : t('account.password.submit')}
        </button>
      </form>
    </section>
  );
}
