import type { Device } from '@lastmile/domain';
import { MAX_REVOKE_REASON_LENGTH } from '@lastmile/domain';
import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '../../i18n/index.ts';
import { shortClientId } from './device-facts.ts';

type Props = {
  device: Device;
  /** The button that opened the dialog: focus goes back to it (or to main when it is gone). */
  opener: HTMLElement | null;
  /** Resolves with a message to show when the server refused, null when revoked. */
  onConfirm: (reason: string) => Promise<string | null>;
  onClose: () => void;
};

/**
 * Asks for a reason and confirmation before revoking, and says what will happen on the device —
 * including the changes it had not synced, which are lost with it. A modal <dialog>: focus stays
 * inside, Escape cancels.
 */
export function RevokeDialog({ device, opener, onConfirm, onClose }: Props) {
  const t = useT();
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const name = device.userName ?? t('devices.unknownPerson');

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      requestAnimationFrame(() => (opener?.isConnected ? opener : document.getElementById('main'))?.focus());
    };
  }, [opener]);

  async function confirm() {
    if (!reason.trim()) {
      setError(t('devices.revoke.reasonRequired'));
      return;
    }
    setBusy(true);
    const refusal = await onConfirm(reason.trim());
    setBusy(false);
    if (refusal) setError(refusal);
    else onClose();
  }

  return (
    <dialog ref={ref} className="devices-dialog" aria-labelledby={`${id}-title`} onCancel={onClose}>
      <form
        method="dialog"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void confirm();
        }}
      >
        <h2 id={`${id}-title`}>{t('devices.revoke.title')}</h2>
        <p id={`${id}-what`}>{t('devices.revoke.what', { name, device: shortClientId(device.clientId) })}</p>
        {device.pendingCount ? (
          <p className="devices-dialog__warning">
            {t('devices.revoke.pendingWarning', { count: device.pendingCount })}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t('devices.revoke.reason')}</label>
          <textarea
            id={`${id}-reason`}
            rows={3}
            maxLength={MAX_REVOKE_REASON_LENGTH}
            required
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              setError(null);
            }}
          />
        </div>
        {error ? (
          <p id={`${id}-error`} className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="devices-dialog__actions">
          <button
            type="submit"
            className="button devices-dialog__danger"
            disabled={busy}
            aria-describedby={`${id}-what`}
          >
            {t('devices.revoke.confirm')}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {t('devices.revoke.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
