import { useAppDb } from '../../local-db/app-db-context.tsx';
import { ChangesScreen } from '../../sync/changes-screen.tsx';
import { useSignedInSession } from '../signed-in-session.ts';

export function ChangesRoute() {
  const session = useSignedInSession();
  return <ChangesScreen db={useAppDb()} session={session} reviewsTeam={session.user.role !== 'technician'} />;
}
