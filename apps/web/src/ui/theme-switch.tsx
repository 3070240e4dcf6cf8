import { useId, useState } from 'react';
import { useT, type MessageKey } from '../i18n/index.ts';
import { chooseTheme, storedTheme, THEME_CHOICES, type ThemeChoice } from './theme-choice.ts';

const LABELS: Record<ThemeChoice, MessageKey> = {
  system: 'theme.system',
  light: 'theme.light',
  dark: 'theme.dark',
};

/** Light, dark or as the system says, remembered on this device. */
export function ThemeSwitch() {
  const t = useT();
  const id = useId();
  const [choice, setChoice] = useState<ThemeChoice>(storedTheme);
  return (
    <div className="theme-switch">
      <label htmlFor={id}>{t('theme.label')}</label>
      <select
        id={id}
        value={choice}
        onChange={(event) => {
          const next = event.target.value as ThemeChoice;
          chooseTheme(next);
          setChoice(next);
        }}
      >
        {THEME_CHOICES.map((value) => (
          <option key={value} value={value}>
            {t(LABELS[value])}
          </option>
        ))}
      </select>
    </div>
  );
}
