import type { SessionInfo } from '@lastmile/domain';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useT } from '../../i18n/index.ts';
import { PinForm } from '../crew/pin-form.tsx';
import { checkCrewPin, pinSignIns } from './crew-pins.ts';
import type { DeviceDb } from './device-db.ts';

/**
 * "Back in with your PIN" (R6): whoever set a PIN on this phone signs back in with it, with or
 * without signal — their own session and replica resume; the server re-checks the session when it
 * can (use-session-revalidation.ts), as for the offline password verifier (ADR 0020).
 */
export function PinSignIn({ db, onSignedIn }: { db: DeviceDb; onSignedIn: (session: SessionInfo) => Promise<void> }) {
  const t = useT();
  const people = useLiveQuery(() => pinSignIns(db), [db]);
  const [chosen, setChosen] = useState<string | null>(null);
  if (!people || people.length === 0) return null;
  const person = people.find((p) => p.userId === chosen);
  return (
    <section className="stack" aria-labelledby="pin-sign-in-title">
      <h2 id="pin-sign-in-title">{t('crew.pinSignIn.title')}</h2>
      {person ? (
        <PinForm
          name={person.name}
          onSubmit={async (pin) => {
            const result = await checkCrewPin(db, person.userId, person.userId, pin);
            if (result.ok && result.row.session) await onSignedIn(result.row.session);
            return result;
          }}
        />
      ) : (
        people.map((p) => (
          <button key={p.userId} type="button" className="button button--block" onClick={() => setChosen(p.userId)}>
            {t('crew.pinSignIn.person', { name: p.name })}
          </button>
        ))
      )}
    </section>
  );
}
