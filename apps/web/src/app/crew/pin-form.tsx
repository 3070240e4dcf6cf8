import { isCrewPin } from '@lastmile/domain';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useT } from '../../i18n/index.ts';
import type { PinCheck } from '../session/crew-pins.ts';

/**
 * One PIN field and a button: the crew picker and the PIN sign-in share it. Says what went
 * wrong (wrong PIN with the tries left, locked out) in a live region, and keeps focus in the field.
 */
export function PinForm({ name, onSubmit }: { name: string; onSubmit: (pin: string) => Promise<PinCheck> }) {
  const t = useT();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!isCrewPin(pin)) {
      setProblem(t('crew.pin.invalid'));
      input.current?.focus();
      return;
    }
    setBusy(true);
    const result = await onSubmit(pin).finally(() => setBusy(false));
    if (result.ok) return;
    setPin('');
    setProblem(
      result.reason === 'wrong'
        ? t('crew.pin.wrong', { left: result.attemptsLeft })
        : result.reason === 'locked'
          ? t('crew.pin.locked', { name })
          : t('crew.pin.none', { name }),
    );
    input.current?.focus();
  }

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
      <div className="field">
        <label htmlFor={`${id}-pin`}>{t('crew.pin.label', { name })}</label>
        <input
          ref={input}
          id={`${id}-pin`}
          type="password"
          inputMode="numeric"
          autoComplete="off"
          pattern="[0-9]*"
          maxLength={8}
          autoFocus
          value={pin}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
          aria-invalid={problem ? true : undefined}
          aria-describedby={`${id}-problem`}
        />
      </div>
      <p id={`${id}-problem`} className="form-error" role="alert" aria-live="assertive">
        {problem}
      </p>
      <button type="submit" className="button button--primary button--block" disabled={busy}>
        {busy ? t('crew.pin.checking') : t('crew.pin.submit')}
      </button>
    </form>
  );
}
