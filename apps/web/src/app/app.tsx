import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { useT } from '../i18n/index.ts';
import { deviceDb } from './session/device-db.ts';
import { SessionProvider, useSessionContext } from './session/session-context.tsx';
import { SignInScreen } from './session/sign-in-screen.tsx';
import { SignedInShell } from './signed-in-shell.tsx';
import { UpdatePrompt } from './update-prompt.tsx';

function Screens() {
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
      return (
        <>
          <UpdatePrompt blockedReason={null} />
          <SignInScreen onSignedIn={adoptSession} expired={state.expired} />
        </>
      );
    case 'signed-in':
      return <SignedInShell session={state.session} onSignOut={signOut} />;
  }
}

export function App() {
  const t = useT();
  const [queryClient] = useState(() => new QueryClient());
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider db={deviceDb()}>
        <a className="skip-link" href="#main">
          {t('app.skipToContent')}
        </a>
        <Screens />
      </SessionProvider>
    </QueryClientProvider>
  );
}
