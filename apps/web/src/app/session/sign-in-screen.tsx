import { signInProblems, type SessionInfo, type SignInRequest } from '@lastmile/domain';
import { lazy, Suspense, useCallback, useId, useRef, useState, type FormEvent } from 'react';
import { LanguageSwitch, serverMessage, useT, type MessageKey } from '../../i18n/index.ts';
import { ApiError, NetworkError } from '../api.ts';
import { requestSignIn } from './session-api.ts';
import { useSessionContext } from './session-context.tsx';
import { OfflineSignInRefused, signInOnlineOrOffline } from './sign-in-flow.ts';
import { PinSignIn } from './pin-sign-in.tsx';
import { useSubmission } from './use-submission.ts';
import './sign-in.css';

const SetPasswordScreen = lazy(async () => ({
  default: (await import('./set-password-screen.tsx')).SetPasswordScreen,
}));

type FieldErrors = Partial<Record<keyof SignInRequest, MessageKey>>;

function validate(input: SignInRequest): FieldErrors {
  const problems = signInProblems(input);
  const errors: FieldErrors = {};
  if (problems.email) errors.email = 'signIn.error.emailInvalid';
  if (problems.password) errors.password = 'signIn.error.passwordMissing';
  return errors;
}

type Props = {
  onSignedIn: (session: SessionInfo) => Promise<void>;
  /** Shown above the form when the previous session ended on the server. */
  expired: boolean;
};

/**
 * The signed-out screen: the sign-in form, or where an invitation or reset link lands
 * (`/set-password#token=…`), which leads back to the sign-in form once the password is saved.
 */
export function SignInScreen(props: Props) {
  const [settingPassword, setSettingPassword] = useState(() => window.location.pathname === '/set-password');
  const [passwordSet, setPasswordSet] = useState(false);
  if (settingPassword) {
    const done = () => {
      // The token must not stay in the address bar or the history once used.
      window.history.replaceState(null, '', '/');
      setPasswordSet(true);
      setSettingPassword(false);
    };
    return (
      <Suspense fallback={null}>
        <SetPasswordScreen onDone={done} />
      </Suspense>
    );
  }
  return <SignInForm {...props} passwordSet={passwordSet} />;
}

function SignInForm({ onSignedIn, expired, passwordSet }: Props & { passwordSet: boolean }) {
  const t = useT();
  const ids = useId();
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  const { db } = useSessionContext();
  // Tries the server even when the browser says offline; without it, the device's verifier.
  const signIn = useSubmission(
    useCallback(
      async (input: SignInRequest) => onSignedIn(await signInOnlineOrOffline(db, input, requestSignIn)),
      [db, onSignedIn],
    ),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = { email: email.trim(), password };
    const errors = validate(input);
    setFieldErrors(errors);
    if (errors.email) emailRef.current?.focus();
    else if (errors.password) passwordRef.current?.focus();
    else signIn.submit(input);
  }

  const formError = describeError(signIn.error, t);
  const emailErrorId = `${ids}-email-error`;
  const passwordErrorId = `${ids}-password-error`;

  return (
    <main id="main" className="sign-in">
      <div className="sign-in__card">
        <img className="sign-in__logo" src="/icons/icon-192.png" alt="" width={56} height={56} />
        <h1 className="sign-in__title">{t('signIn.title')}</h1>
        <p className="sign-in__intro">{t('signIn.intro')}</p>
        {expired && <p className="notice notice--info">{t('session.expired')}</p>}
        {passwordSet && <p className="notice notice--info">{t('session.passwordSetNotice')}</p>}
        <PinSignIn db={db} onSignedIn={onSignedIn} />
        <form className="stack" onSubmit={submit} noValidate aria-describedby={`${ids}-form-error`}>
          <div className="field">
            <label htmlFor={`${ids}-email`}>{t('signIn.email')}</label>
            <input
              ref={emailRef}
              id={`${ids}-email`}
              name="email"
              type="email"
              inputMode="email"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              aria-invalid={fieldErrors.email ? true : undefined}
              aria-describedby={fieldErrors.email ? emailErrorId : undefined}
            />
            {fieldErrors.email && (
              <p id={emailErrorId} className="field__error">
                {t(fieldErrors.email)}
              </p>
            )}
          </div>
          <div className="field">
            <label htmlFor={`${ids}-password`}>{t('signIn.password')}</label>
            <input
              ref={passwordRef}
              id={`${ids}-password`}
              name="password"
              type={showPassword ? 'text' : 'password'}
              autoComplete="current-password"
              autoCapitalize="none"
              spellCheck={false}
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={fieldErrors.password ? true : undefined}
              aria-describedby={fieldErrors.password ? passwordErrorId : undefined}
            />
            {fieldErrors.password && (
              <p id={passwordErrorId} className="field__error">
                {t(fieldErrors.password)}
              </p>
            )}
            <label className="check">
              <input type="checkbox" checked={showPassword} onChange={(e) => setShowPassword(e.target.checked)} />
              {t('signIn.showPassword')}
            </label>
          </div>
          <div id={`${ids}-form-error`} className="form-error" role="alert" aria-live="assertive">
            {formError}
          </div>
          <button type="submit" className="button button--primary button--block" disabled={signIn.pending}>
            {signIn.pending ? t('signIn.submitting') : t('signIn.submit')}
          </button>
        </form>
        <LanguageSwitch />
      </div>
    </main>
  );
}

function describeError(error: Error | null, t: ReturnType<typeof useT>): string {
  if (!error) return '';
  if (error instanceof OfflineSignInRefused) return error.message;
  if (error instanceof NetworkError) return t('signIn.error.offline');
  // The API's messages are written for people ("Wrong email or password."), with a key for ours.
  if (error instanceof ApiError) return serverMessage(error.detail, error.message, t);
  // Not the server: the sign-in worked but this browser refused to store it (e.g. private mode).
  return t('signIn.error.device');
}
