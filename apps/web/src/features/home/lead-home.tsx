import type { SessionInfo } from '@lastmile/domain';
import { LeadBoard } from '../board/lead-board.tsx';

/** A lead starts from the team's board: who does what, today and the next days, and what is unassigned. */
export function LeadHome({ session }: { session: SessionInfo }) {
  return <LeadBoard session={session} />;
}
