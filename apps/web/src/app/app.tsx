import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useT } from '../i18n/index.ts';
import { deviceDb } from './session/device-db.ts';
import { SessionProvider, useSessionContext } from './session/session-context.tsx';
import { SignInScreen } from './session/sign-in-screen.tsx';
import { SignedInShell } from './signed-in-shell.tsx';
import { UpdatePrompt } from './update-prompt.tsx';

export type AppProps = {
  /** Rendered in the header's status area (the sync engine's online/pending/last-synced view). */
  statusSlot?: ReactNode;
  /** Passed to the update banner: why an update must wait (e.g. changes not yet synced). */
  updateBlockedReason?: string | null;
};

function Screens({ statusSlot }: Pick<AppProps, 'statusSlot'>) {
  const t = useT();
  const { state, adoptSession, signOut } = useSessionContext();
  switch (state.status) {
    case 'loading':
      return (
        <p className="app-loading" role="status">
          {t('app.loading')}
        </p>
      );
    case 'signed-out':
      return <SignInScreen onSignedIn={adoptSession} expired={state.expired} />;
    case 'signed-in':
      return <SignedInShell session={state.session} onSignOut={signOut} statusSlot={statusSlot} />;
  }
}

export function App({ statusSlot, updateBlockedReason = null }: AppProps) {
  const t = useT();
  const [queryClient] = useState(() => new QueryClient());
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider db={deviceDb()}>
        <a className="skip-link" href="#main">
          {t('app.skipToContent')}
        </a>
        <UpdatePrompt blockedReason={updateBlockedReason} />
        <Screens statusSlot={statusSlot} />
      </SessionProvider>
    </QueryClientProvider>
  );
}
