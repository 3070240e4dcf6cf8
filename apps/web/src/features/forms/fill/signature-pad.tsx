import { useEffect, useEffectEvent, useId, useRef, useState } from 'react';
import SignaturePadEngine from 'signature_pad';
import { useT } from '../../../i18n/index.ts';

type Props = {
  id: string;
  label: string;
  /** The saved signature to show. */
  imageUrl: string | null;
  readOnly: boolean;
  describedBy: string | undefined;
  /** A stroke ended (or a name was typed): the whole signature as a trimmed PNG. */
  onSigned: (png: Blob) => void;
  onClear: () => void;
};

/** What lies under the strokes: the saved signature, or the typed name. */
type Backdrop = ((ctx: CanvasRenderingContext2D, width: number, height: number) => void) | null;

const INK = '#111c27';
/** Transparent margin kept around the ink when the PNG is trimmed, in device pixels. */
const TRIM_MARGIN = 8;

/**
 * A signature drawn with a finger, pen or mouse (signature_pad: velocity-weighted Bézier strokes),
 * on a canvas sized in device pixels so it stays sharp on high-density screens and is re-fitted,
 * strokes kept, when its box changes size. Saved as a trimmed PNG whenever a stroke ends. People
 * who cannot draw (keyboard, switch access) type their name instead; it is written in script.
 */
export function SignaturePad({ id, label, imageUrl, readOnly, describedBy, onSigned, onClear }: Props) {
  const t = useT();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePadEngine | null>(null);
  const backdrop = useRef<Backdrop>(null);
  /** The imageUrl shown when "Clear" was pressed: not loaded again while the parent catches up. */
  const [clearedUrl, setClearedUrl] = useState<string | null>(null);
  /** Something was drawn or typed here since the last clear: the canvas, not imageUrl, is the truth. */
  const [ink, setInk] = useState(false);
  const typedId = useId();
  const [typed, setTyped] = useState('');

  const save = useEffectEvent(() => {
    if (canvasRef.current) emitSigned(canvasRef.current, onSigned);
  });

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const pad = new SignaturePadEngine(canvas, {
      penColor: INK,
      minWidth: 1,
      maxWidth: 3.2,
      // The pixels are read back after every stroke (trimmedPng); a small canvas draws fine on the CPU.
      canvasContextOptions: { willReadFrequently: true },
    });
    padRef.current = pad;
    let cssWidth = 0;
    const refit = () => {
      const { width, height } = canvas.getBoundingClientRect();
      const ratio = Math.max(window.devicePixelRatio || 1, 1);
      if (width === 0 || (canvas.width === Math.round(width * ratio) && cssWidth === width)) return;
      // The box keeps its aspect ratio (CSS), so one factor maps the strokes into the new size.
      const scale = cssWidth ? width / cssWidth : 1;
      const strokes = pad.toData().map((group) => ({
        ...group,
        points: group.points.map((point) => ({ ...point, x: point.x * scale, y: point.y * scale })),
      }));
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
      canvas.getContext('2d')?.scale(ratio, ratio);
      cssWidth = width;
      repaint(pad, canvas, backdrop.current, strokes);
    };
    const observer = new ResizeObserver(refit);
    observer.observe(canvas);
    refit();
    const ended = () => {
      setInk(true);
      save();
    };
    pad.addEventListener('endStroke', ended);
    return () => {
      observer.disconnect();
      pad.removeEventListener('endStroke', ended);
      pad.off();
      padRef.current = null;
    };
  }, []);

  useEffect(() => {
    if (readOnly) padRef.current?.off();
    else padRef.current?.on();
  }, [readOnly]);

  useEffect(() => {
    const pad = padRef.current;
    const canvas = canvasRef.current;
    if (!pad || !canvas || ink) return;
    if (imageUrl === null || imageUrl === clearedUrl) {
      backdrop.current = null;
      repaint(pad, canvas, null, []);
      return;
    }
    let current = true;
    const image = new Image();
    image.onload = () => {
      if (!current) return;
      backdrop.current = (ctx, width, height) => drawContained(ctx, image, width, height);
      repaint(pad, canvas, backdrop.current, pad.toData());
    };
    image.src = imageUrl;
    return () => {
      current = false;
    };
  }, [imageUrl, clearedUrl, ink]);

  function clear() {
    const pad = padRef.current;
    const canvas = canvasRef.current;
    if (!pad || !canvas) return;
    setClearedUrl(imageUrl);
    backdrop.current = null;
    repaint(pad, canvas, null, []);
    setInk(false);
    onClear();
  }

  function signTyped() {
    const name = typed.trim();
    const pad = padRef.current;
    const canvas = canvasRef.current;
    if (!name || !pad || !canvas) return;
    backdrop.current = (ctx, width, height) => {
      ctx.fillStyle = INK;
      ctx.font = `italic ${Math.round(height * 0.28)}px "Segoe Script", "Brush Script MT", cursive`;
      ctx.textBaseline = 'middle';
      ctx.fillText(name, 24, height / 2, width - 48);
    };
    repaint(pad, canvas, backdrop.current, []);
    setInk(true);
    setTyped('');
    emitSigned(canvas, onSigned);
  }

  const signed = ink || (imageUrl !== null && imageUrl !== clearedUrl);
  return (
    <div className="signature">
      <canvas
        id={id}
        ref={canvasRef}
        tabIndex={readOnly ? -1 : 0}
        role="img"
        aria-label={signed ? t('forms.signature.signed', { label }) : t('forms.signature.empty', { label })}
        aria-describedby={describedBy}
        className="signature__canvas"
      />
      {!readOnly && signed && (
        <button type="button" className="button button--ghost" onClick={clear}>
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

/** Clears the canvas, paints the backdrop, then the strokes (kept as the pad's own data). */
function repaint(
  pad: SignaturePadEngine,
  canvas: HTMLCanvasElement,
  paint: Backdrop,
  strokes: ReturnType<SignaturePadEngine['toData']>,
): void {
  pad.clear();
  const ctx = canvas.getContext('2d');
  const ratio = canvas.width / (canvas.getBoundingClientRect().width || canvas.width);
  if (ctx && paint) paint(ctx, canvas.width / ratio, canvas.height / ratio);
  pad.fromData(strokes, { clear: false });
}

/** The saved (trimmed) signature, centred, at most its own size on this screen, never cut off. */
function drawContained(ctx: CanvasRenderingContext2D, image: HTMLImageElement, width: number, height: number) {
  const ratio = Math.max(window.devicePixelRatio || 1, 1);
  const scale = Math.min((width - 16) / image.naturalWidth, (height - 16) / image.naturalHeight, 1 / ratio);
  if (!(scale > 0)) return;
  const w = image.naturalWidth * scale;
  const h = image.naturalHeight * scale;
  ctx.drawImage(image, (width - w) / 2, (height - h) / 2, w, h);
}

function emitSigned(canvas: HTMLCanvasElement, onSigned: (png: Blob) => void): void {
  void trimmedPng(canvas).then((png) => png && onSigned(png));
}

/** The canvas cut down to its ink plus a margin, as PNG; null when there is no ink. */
function trimmedPng(canvas: HTMLCanvasElement): Promise<Blob | null> {
  const ctx = canvas.getContext('2d');
  if (!ctx || canvas.width === 0 || canvas.height === 0) return Promise.resolve(null);
  const { width, height } = canvas;
  const alpha = ctx.getImageData(0, 0, width, height).data;
  let top = height;
  let left = width;
  let right = -1;
  let bottom = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (alpha[(y * width + x) * 4 + 3] === 0) continue;
      if (y < top) top = y;
      if (y > bottom) bottom = y;
      if (x < left) left = x;
      if (x > right) right = x;
    }
  }
  if (right < 0) return Promise.resolve(null);
  const x0 = Math.max(0, left - TRIM_MARGIN);
  const y0 = Math.max(0, top - TRIM_MARGIN);
  const out = document.createElement('canvas');
  out.width = Math.min(width, right + TRIM_MARGIN + 1) - x0;
  out.height = Math.min(height, bottom + TRIM_MARGIN + 1) - y0;
  out.getContext('2d')?.drawImage(canvas, x0, y0, out.width, out.height, 0, 0, out.width, out.height);
  return new Promise((resolve) => out.toBlob(resolve, 'image/png'));
}
