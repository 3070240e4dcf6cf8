import { LeadBoard } from '../../features/board/lead-board.tsx';
import { ReviewQueueLink } from '../../features/review/review-queue-link.tsx';
import { useSignedInSession } from '../signed-in-session.ts';

/** A lead starts from the team's board: who does what, today and the next days, and what is unassigned. */
export function LeadHomeRoute() {
  return (
    <>
      <ReviewQueueLink />
      <LeadBoard session={useSignedInSession()} />
    </>
  );
}
