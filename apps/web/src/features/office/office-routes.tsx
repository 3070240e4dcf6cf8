import type { SessionInfo } from '@lastmile/domain';
import { matchPath } from '../../app/router.ts';
import { CustomersScreen } from './customers-screen.tsx';
import { ImportScreen } from './import-screen.tsx';
import { JobFormScreen } from './job-form-screen.tsx';
import { JobTypesScreen } from './job-types-screen.tsx';

/** The office's screens by path, or null when the path is not one of them (or the role is not office). */
export function officeScreen(path: string, session: SessionInfo) {
  if (session.user.role !== 'office' && session.user.role !== 'admin') return null;
  if (path === '/import') return <ImportScreen />;
  if (path === '/office/customers') return <CustomersScreen />;
  if (path === '/office/job-types') return <JobTypesScreen />;
  if (path === '/office/jobs/new') return <JobFormScreen />;
  const edit = matchPath('/office/jobs/:id/edit', path);
  if (edit) return <JobFormScreen key={edit['id']} jobId={edit['id']!} />;
  return null;
}
