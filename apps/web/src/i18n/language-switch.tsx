import { useEffect, useId } from 'react';
import { applyLocale, chooseLocale, LOCALES, preferredLocale, type Locale } from './locale.ts';
import { useLocale, useT } from './use-t.ts';
import './language-switch.css';

// Each language is named in itself, so a person who cannot read the current one still finds theirs.
const NAMES: Record<Locale, string> = { en: 'English', pl: 'Polski' };

type Props = {
  /** Signed in: the choice is this person's on this device, and theirs is applied when the switch appears. */
  userId?: string;
  /** The organization's default language, for a person who has not chosen one on this device. */
  orgLocale?: Locale;
};

/** Picks the UI language, applied at once and remembered on this device (offline too). */
export function LanguageSwitch({ userId, orgLocale }: Props) {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  useEffect(() => {
    // On a shared phone the previous person's language must not stick to the next one.
    if (userId) applyLocale(preferredLocale(userId, orgLocale)).catch(() => undefined);
  }, [userId, orgLocale]);
  return (
    <div className="language-switch">
      <label htmlFor={id}>{t('language.label')}</label>
      <select
        id={id}
        value={locale}
        onChange={(event) => {
          // A chunk that cannot load (never cached, no signal) leaves the current language on.
          chooseLocale(event.target.value as Locale, userId).catch(() => undefined);
        }}
      >
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {NAMES[code]}
          </option>
        ))}
      </select>
    </div>
  );
}
