import type { SessionInfo } from '@lastmile/domain';
import { OfficeJobsScreen } from '../features/office/office-jobs-screen.tsx';
import { LeadBoard } from '../features/board/lead-board.tsx';
import { TechnicianHome } from '../features/home/technician-home.tsx';

/** Each role starts the day from a different question: mine, my team's, or everything. */
export function HomeScreen({ session }: { session: SessionInfo }) {
  switch (session.user.role) {
    case 'technician':
      return <TechnicianHome session={session} />;
    case 'lead':
      return <LeadBoard session={session} />;
    case 'office':
    case 'admin':
      return <OfficeJobsScreen />;
  }
}
