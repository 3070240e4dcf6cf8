import { useState } from 'react';
import { roleKey, useT } from '../../i18n/index.ts';
import { useCrew } from './crew-context.tsx';
import { PinForm } from './pin-form.tsx';
import './crew.css';

/**
 * The crew picker (R5): on a shared phone nobody acts until they tap their name and enter their
 * PIN — after the idle time, after "Switch person", and when the app opens. Works offline.
 */
export function CrewPicker({ onSignOut }: { onSignOut: () => Promise<void> }) {
  const t = useT();
  const crew = useCrew();
  const [chosen, setChosen] = useState<string | null>(null);
  const person = crew.people.find((p) => p.id === chosen) ?? null;
  return (
    <main id="main" className="crew-picker" tabIndex={-1}>
      <div className="crew-picker__card">
        <h1>{t('crew.picker.title')}</h1>
        {person ? (
          <>
            <PinForm key={person.id} name={person.name} onSubmit={(pin) => crew.unlock(person.id, pin)} />
            <button type="button" className="button button--block" onClick={() => setChosen(null)}>
              {t('crew.picker.back')}
            </button>
          </>
        ) : (
          <>
            <p>{t('crew.picker.intro')}</p>
            <ul className="crew-picker__people">
              {crew.people.map((p) => (
                <li key={p.id}>
                  <button
                    type="button"
                    className="button button--block crew-picker__person"
                    disabled={p.locked || !p.hasPin}
                    onClick={() => setChosen(p.id)}
                  >
                    {p.locked ? t('crew.picker.locked', { name: p.name }) : p.name}
                    <span className="crew-picker__role">{t(roleKey(p.role))}</span>
                  </button>
                </li>
              ))}
            </ul>
            <button type="button" className="button button--block" onClick={() => void onSignOut()}>
              {t('header.signOut')}
            </button>
          </>
        )}
      </div>
    </main>
  );
}
