import { crewPinSchema, type Role } from '@lastmile/domain';
import { useId, useState, type FormEvent } from 'react';
import { ApiError, NetworkError } from '../../app/api.ts';
import { roleKey, serverMessage, useT } from '../../i18n/index.ts';
import './crew-screen.css';

export type CrewScreenPerson = { id: string; name: string; role: Role; host: boolean; hasPin: boolean };

type LeaveResult = { left: true } | { left: false; pending: number; photos: number };

type Props = {
  people: CrewScreenPerson[];
  online: boolean;
  onSetOwnPin: (pin: string) => Promise<void>;
  onJoin: (input: { email: string; password: string; pin: string }) => Promise<{ name: string }>;
  onLeave: (userId: string) => Promise<LeaveResult>;
};

type T = ReturnType<typeof useT>;

function failure(error: unknown, t: T): string {
  if (error instanceof NetworkError) return t('crew.add.offline');
  if (error instanceof ApiError) return serverMessage(error.detail, error.message, t);
  return error instanceof Error ? error.message : String(error);
}

function leaveStatus(result: LeaveResult, name: string, t: T): string {
  if (result.left) return t('crew.leave.done', { name });
  // Changes first: a photo's bytes go only after its record has.
  if (result.pending > 0) return t('crew.leave.pending', { name, count: result.pending });
  return t('crew.leave.pendingPhotos', { name, count: result.photos });
}

/** Two PIN fields that must agree; returns the PIN or says what is wrong. */
function pinProblem(pin: string, repeat: string, t: T): string | null {
  if (!crewPinSchema.safeParse(pin).success) return t('crew.pin.invalid');
  if (pin !== repeat) return t('crew.pin.mismatch');
  return null;
}

/**
 * Crew mode's screen (R5, ADR 0033): who is signed in on this phone, the phone's own person's
 * PIN, adding a colleague (their email, password and a PIN of their choosing — once, online) and
 * signing one out (after their changes and photos have gone).
 */
export function CrewScreen({ people, online, onSetOwnPin, onJoin, onLeave }: Props) {
  const t = useT();
  const own = people.find((p) => p.host);
  const [status, setStatus] = useState('');
  // Signing out waits for the person's changes and photos to go: say so, and take no second tap.
  const [leaving, setLeaving] = useState<string | null>(null);
  const leave = (person: CrewScreenPerson) => {
    setLeaving(person.id);
    setStatus(t('crew.leave.sending', { name: person.name }));
    void onLeave(person.id)
      .then(
        (result) => setStatus(leaveStatus(result, person.name, t)),
        (error: unknown) => setStatus(t('crew.leave.failed', { reason: failure(error, t) })),
      )
      .finally(() => setLeaving(null));
  };
  return (
    <section className="crew-screen stack">
      <h1>{t('crew.title')}</h1>
      <p>{t('crew.intro')}</p>
      <p className="notice notice--info" role="status" aria-live="polite">
        {status}
      </p>
      <h2>{t('crew.people')}</h2>
      <ul className="crew-screen__people">
        {people.map((p) => (
          <li key={p.id}>
            <span>
              {p.name} · {t(roleKey(p.role))} {p.host && t('crew.you')}
            </span>
            {!p.host && (
              <button type="button" className="button" disabled={leaving !== null} onClick={() => leave(p)}>
                {t('crew.leave', { name: p.name })}
              </button>
            )}
          </li>
        ))}
      </ul>
      <OwnPinForm hasPin={own?.hasPin ?? false} onSave={onSetOwnPin} />
      {own?.hasPin ? (
        <JoinForm online={online} onJoin={onJoin} onJoined={(name) => setStatus(t('crew.add.added', { name }))} />
      ) : (
        <p>{t('crew.add.needsPin')}</p>
      )}
    </section>
  );
}

function OwnPinForm({ hasPin, onSave }: { hasPin: boolean; onSave: (pin: string) => Promise<void> }) {
  const t = useT();
  const id = useId();
  const [pin, setPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState('');
  const [saved, setSaved] = useState(false);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const issue = pinProblem(pin, repeat, t);
    setProblem(issue ?? '');
    if (issue) return;
    await onSave(pin);
    setPin('');
    setRepeat('');
    setSaved(true);
  }
  return (
    <form className="stack" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('crew.ownPin.title')}</h2>
      <p role="status">{hasPin || saved ? t('crew.ownPin.set') : t('crew.ownPin.intro')}</p>
      <PinField id={`${id}-pin`} label={t('crew.pin.new')} value={pin} onChange={setPin} />
      <PinField id={`${id}-repeat`} label={t('crew.pin.repeat')} value={repeat} onChange={setRepeat} />
      <p className="form-error" role="alert">
        {problem}
      </p>
      <button type="submit" className="button button--primary">
        {t('crew.ownPin.save')}
      </button>
    </form>
  );
}

function JoinForm({
  online,
  onJoin,
  onJoined,
}: {
  online: boolean;
  onJoin: Props['onJoin'];
  onJoined: (name: string) => void;
}) {
  const t = useT();
  const id = useId();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [pin, setPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const pinIssue = pinProblem(pin, repeat, t);
    if (pinIssue) return setProblem(pinIssue);
    setBusy(true);
    setProblem('');
    try {
      const member = await onJoin({ email: email.trim(), password, pin });
      setEmail('');
      setPassword('');
      setPin('');
      setRepeat('');
      onJoined(member.name);
    } catch (error) {
      setProblem(t('crew.add.failed', { reason: failure(error, t) }));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="stack" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('crew.add.title')}</h2>
      {!online && <p className="notice notice--info">{t('crew.add.offline')}</p>}
      <div className="field">
        <label htmlFor={`${id}-email`}>{t('crew.add.email')}</label>
        <input
          id={`${id}-email`}
          type="email"
          inputMode="email"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-password`}>{t('crew.add.password')}</label>
        <input
          id={`${id}-password`}
          type="password"
          autoComplete="off"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </div>
      <PinField id={`${id}-pin`} label={t('crew.add.pin')} value={pin} onChange={setPin} />
      <PinField id={`${id}-repeat`} label={t('crew.pin.repeat')} value={repeat} onChange={setRepeat} />
      <p className="form-error" role="alert">
        {problem}
      </p>
      <button type="submit" className="button button--primary" disabled={busy || !online}>
        {busy ? t('crew.add.adding') : t('crew.add.submit')}
      </button>
    </form>
  );
}

function PinField({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="password"
        inputMode="numeric"
        autoComplete="off"
        pattern="[0-9]*"
        maxLength={8}
        value={value}
        onChange={(e) => onChange(e.target.value.replace(/\D/g, ''))}
      />
    </div>
  );
}
