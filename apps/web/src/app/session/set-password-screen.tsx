import '../../i18n/set-password-messages.ts';
import { MIN_PASSWORD_LENGTH } from '@lastmile/domain';
import { useCallback, useId, useState, type FormEvent } from 'react';
import { useT } from '../../i18n/index.ts';
import { ApiError, NetworkError } from '../api.ts';
import { requestSetPassword, tokenFromHash } from './set-password-api.ts';
import { useSubmission } from './use-submission.ts';
import './sign-in.css';

/**
 * Where an invitation or password-reset link lands (`/set-password#token=…`), signed out. A lazy
 * chunk of the sign-in page, with its English: few people ever open it (ADR 0039).
 */
export function SetPasswordScreen({ onDone }: { onDone: () => void }) {
  const t = useT();
  const ids = useId();
  const [token] = useState(() => tokenFromHash(window.location.hash));
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const save = useSubmission(
    useCallback(
      async (chosen: string) => {
        await requestSetPassword(token ?? '', chosen);
        onDone();
      },
      [token, onDone],
    ),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (password.length < MIN_PASSWORD_LENGTH) setProblem(t('session.setPasswordTooShort'));
    else if (password !== repeat) setProblem(t('session.setPasswordMismatch'));
    else {
      setProblem(null);
      save.submit(password);
    }
  }

  const error = save.error;
  const message =
    problem ??
    (!token ? t('session.setPasswordNoToken') : null) ??
    (error instanceof NetworkError ? t('session.setPasswordOffline') : error instanceof ApiError ? error.message : '');

  return (
    <main id="main" className="sign-in">
      <div className="sign-in__card">
        <img className="sign-in__logo" src="/icons/icon-192.png" alt="" width={56} height={56} />
        <h1 className="sign-in__title">{t('session.setPasswordTitle')}</h1>
        <p className="sign-in__intro">{t('session.setPasswordIntro')}</p>
        <form className="stack" onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor={`${ids}-new`}>{t('session.setPasswordNew')}</label>
            <input
              id={`${ids}-new`}
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${ids}-repeat`}>{t('session.setPasswordRepeat')}</label>
            <input
              id={`${ids}-repeat`}
              type="password"
              autoComplete="new-password"
              value={repeat}
              onChange={(e) => setRepeat(e.target.value)}
            />
          </div>
          <div className="form-error" role="alert" aria-live="assertive">
            {message}
          </div>
          <button type="submit" className="button button--primary button--block" disabled={!token || save.pending}>
            {save.pending ? t('session.setPasswordSaving') : t('session.setPasswordSubmit')}
          </button>
        </form>
      </div>
    </main>
  );
}
