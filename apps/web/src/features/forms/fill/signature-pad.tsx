import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '../../../i18n/index.ts';

type Props = {
  id: string;
  label: string;
  value: string | null;
  readOnly: boolean;
  describedBy: string | undefined;
  onChange: (value: string | null) => void;
};

const WIDTH = 600;
const HEIGHT = 200;

/**
 * A signature drawn with a finger, pen or mouse, kept as a PNG data URL in the answer (so it
 * syncs like any other answer). Saved when a stroke ends; "Clear" removes it.
 */
export function SignaturePad({ id, label, value, readOnly, describedBy, onChange }: Props) {
  const t = useT();
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const dirty = useRef(false);
  const typedId = useId();
  const [typed, setTyped] = useState('');

  /** For people who cannot draw (keyboard, switch access): the typed name, written in script. */
  function signTyped() {
    const name = typed.trim();
    const ctx = canvas.current?.getContext('2d');
    if (!name || !ctx || !canvas.current) return;
    ctx.clearRect(0, 0, WIDTH, HEIGHT);
    ctx.fillStyle = '#111c27';
    ctx.font = 'italic 56px "Segoe Script", "Brush Script MT", cursive';
    ctx.textBaseline = 'middle';
    ctx.fillText(name, 24, HEIGHT / 2, WIDTH - 48);
    onChange(canvas.current.toDataURL('image/png'));
    setTyped('');
  }

  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    ctx.clearRect(0, 0, WIDTH, HEIGHT);
    if (!value) return;
    const image = new Image();
    image.onload = () => ctx.drawImage(image, 0, 0, WIDTH, HEIGHT);
    image.src = value;
  }, [value]);

  function point(event: React.PointerEvent<HTMLCanvasElement>): [number, number] {
    const rect = event.currentTarget.getBoundingClientRect();
    return [((event.clientX - rect.left) / rect.width) * WIDTH, ((event.clientY - rect.top) / rect.height) * HEIGHT];
  }

  function finish() {
    if (!drawing.current) return;
    drawing.current = false;
    if (dirty.current && canvas.current) onChange(canvas.current.toDataURL('image/png'));
    dirty.current = false;
  }

  return (
    <div className="signature">
      <canvas
        id={id}
        ref={canvas}
        width={WIDTH}
        height={HEIGHT}
        tabIndex={readOnly ? -1 : 0}
        role="img"
        aria-label={value ? t('forms.signature.signed', { label }) : t('forms.signature.empty', { label })}
        aria-describedby={describedBy}
        className="signature__canvas"
        onPointerDown={(event) => {
          if (readOnly) return;
          const ctx = event.currentTarget.getContext('2d');
          if (!ctx) return;
          event.currentTarget.setPointerCapture(event.pointerId);
          drawing.current = true;
          const [x, y] = point(event);
          ctx.lineWidth = 3;
          ctx.lineCap = 'round';
          ctx.strokeStyle = '#111c27';
          ctx.beginPath();
          ctx.moveTo(x, y);
        }}
        onPointerMove={(event) => {
          if (!drawing.current) return;
          const ctx = event.currentTarget.getContext('2d');
          if (!ctx) return;
          const [x, y] = point(event);
          ctx.lineTo(x, y);
          ctx.stroke();
          dirty.current = true;
        }}
        onPointerUp={finish}
        onPointerCancel={finish}
        onPointerLeave={finish}
      />
      {!readOnly && value && (
        <button type="button" className="button button--ghost" onClick={() => onChange(null)}>
          {t('forms.signature.clear')}
        </button>
      )}
      {!readOnly && (
        <div className="signature__typed">
          <label htmlFor={typedId}>{t('forms.signature.typeLabel', { label })}</label>
          <input
            id={typedId}
            type="text"
            autoComplete="name"
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                signTyped();
              }
            }}
          />
          <button type="button" className="button button--ghost" onClick={signTyped} disabled={!typed.trim()}>
            {t('forms.signature.typeSign')}
          </button>
        </div>
      )}
    </div>
  );
}
