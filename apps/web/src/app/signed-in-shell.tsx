import type { SessionInfo } from '@lastmile/domain';
import type { ReactNode } from 'react';
import { HomeScreen } from '../features/home/home-screen.tsx';
import { AppDbProvider } from '../local-db/app-db-context.tsx';
import { appDbFor } from '../local-db/open-app-db.ts';
import { AppHeader } from '../ui/app-header.tsx';

type Props = { session: SessionInfo; onSignOut: () => Promise<void>; statusSlot?: ReactNode };

export function SignedInShell({ session, onSignOut, statusSlot }: Props) {
  return (
    <AppDbProvider db={appDbFor(session.org.id)}>
      <AppHeader session={session} onSignOut={onSignOut} statusSlot={statusSlot} />
      <main id="main" className="app-main" tabIndex={-1}>
        <HomeScreen session={session} />
      </main>
    </AppDbProvider>
  );
}
