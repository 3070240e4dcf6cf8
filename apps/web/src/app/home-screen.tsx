import type { SessionInfo } from '@lastmile/domain';
import { OfficeJobsScreen } from '../office/office-jobs-screen.tsx';
import './home.css';
import { LeadHome } from './lead-home.tsx';
import { TechnicianHome } from './technician-home.tsx';

/** Each role starts the day from a different question: mine, my team's, or everything. */
export function HomeScreen({ session }: { session: SessionInfo }) {
  switch (session.user.role) {
    case 'technician':
      return <TechnicianHome session={session} />;
    case 'lead':
      return <LeadHome session={session} />;
    case 'office':
    case 'admin':
      return <OfficeJobsScreen />;
  }
}
