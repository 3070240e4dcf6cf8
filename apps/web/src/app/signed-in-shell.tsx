import type { SessionInfo } from '@lastmile/domain';
import { HomeScreen } from './home-screen.tsx';
import { ItemsScreen } from '../features/items/items-screen.tsx';
import { formsScreen } from '../features/forms/forms-routes.tsx';
import { JobScreen } from '../features/job/job-screen.tsx';
import { officeScreen } from '../features/office/office-routes.tsx';
import { useT } from '../i18n/index.ts';
import { AppDbProvider, useAppDb } from '../local-db/app-db-context.tsx';
import { appDbFor } from '../local-db/open-app-db.ts';
import { ChangesScreen } from '../sync/changes-screen.tsx';
import { SyncProvider, useSync, useSyncStatus } from '../sync/sync-context.tsx';
import { StorageNotice } from '../sync/storage-notice.tsx';
import { SyncStatusBar } from '../sync/sync-status-bar.tsx';
import { AppHeader } from '../ui/app-header.tsx';
import { matchPath, usePath } from './router.ts';
import { UpdatePrompt } from './update-prompt.tsx';

type Props = { session: SessionInfo; onSignOut: () => Promise<void> };

export function SignedInShell({ session, onSignOut }: Props) {
  const db = appDbFor(session.user.id);
  return (
    <AppDbProvider db={db}>
      <SyncProvider db={db} session={session}>
        <ShellBody session={session} onSignOut={onSignOut} />
      </SyncProvider>
    </AppDbProvider>
  );
}

function Screen({ session }: { session: SessionInfo }) {
  const path = usePath();
  const db = useAppDb();
  if (path === '/changes')
    return <ChangesScreen db={db} session={session} reviewsTeam={session.user.role !== 'technician'} />;
  if (path === '/items') return <ItemsScreen session={session} />;
  const jobRoute = matchPath('/jobs/:id', path);
  if (jobRoute) return <JobScreen key={jobRoute['id']} session={session} jobId={jobRoute['id']!} />;
  const forms = formsScreen(path, session);
  if (forms) return forms;
  const office = officeScreen(path, session);
  if (office) return office;
  return <HomeScreen session={session} />;
}

function ShellBody({ session, onSignOut }: Props) {
  const t = useT();
  const sync = useSync();
  const status = useSyncStatus(useAppDb());
  // Never swap the app's code while changes exist only on this phone.
  const blocked = status.pending > 0 ? t('sync.updateWaits', { count: status.pending }) : null;
  // Changes stay in this person's database and sync at their next sign-in; say so before leaving.
  const signOut = async () => {
    if (status.pending > 0 && !window.confirm(t('sync.signOutPending', { count: status.pending }))) return;
    await onSignOut();
  };
  return (
    <>
      <UpdatePrompt blockedReason={blocked} />
      <AppHeader
        session={session}
        onSignOut={signOut}
        statusSlot={<SyncStatusBar status={status} onSyncNow={() => sync.kick()} />}
      />
      <StorageNotice persisted={status.persisted} />
      <main id="main" className="app-main" tabIndex={-1}>
        <Screen session={session} />
      </main>
    </>
  );
}
