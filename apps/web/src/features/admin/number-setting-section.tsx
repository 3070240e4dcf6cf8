import { useId, useState, type ReactNode } from 'react';
import { useT, type MessageKey } from '../../i18n/index.ts';
import { useSectionSave } from './use-section-save.ts';

type Props = {
  /** The setting as the server has it. */
  value: number;
  min: number;
  max: number;
  /** The admin query to read again once saved. */
  refreshKey: readonly string[];
  /** The section's words: its heading, the field's label and hint, the button, the saved notice. */
  words: { title: MessageKey; label: MessageKey; hint: MessageKey; save: MessageKey; saved: MessageKey };
  save: (value: number) => Promise<unknown>;
  /** More of the section, below the form (the office window's "Apply now"). */
  children?: ReactNode;
};

/**
 * A settings section holding one whole number (shared phones' idle minutes, the office window's
 * days): a labelled field with its hint and range, a save button, the problem or the notice. The
 * server validates the range again and answers with the reason.
 */
export function NumberSettingSection({ value, min, max, refreshKey, words, save, children }: Props) {
  const t = useT();
  const id = useId();
  const [text, setText] = useState(String(value));
  const { busy, problem, notice, save: saveWith } = useSectionSave(refreshKey);

  return (
    <section className="admin-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t(words.title)}</h2>
      <form
        className="office-form"
        onSubmit={(e) => {
          e.preventDefault();
          void saveWith(() => save(Number(text)), t(words.saved));
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-value`}>{t(words.label)}</label>
          <input
            id={`${id}-value`}
            type="number"
            inputMode="numeric"
            min={min}
            max={max}
            step={1}
            value={text}
            aria-describedby={`${id}-hint`}
            onChange={(e) => setText(e.target.value)}
          />
          <span id={`${id}-hint`} className="field__hint">
            {t(words.hint)}
          </span>
        </div>
        <p className="form-error" role="alert">
          {problem}
        </p>
        <p className="admin-notice" role="status">
          {notice}
        </p>
        <button type="submit" className="button button--primary" disabled={busy}>
          {t(words.save)}
        </button>
      </form>
      {children}
    </section>
  );
}
