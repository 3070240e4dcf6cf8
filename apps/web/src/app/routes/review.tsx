import { isOfficeRole } from '@lastmile/domain';
import { useParams } from 'react-router';
import { OfficeNav } from '../../features/office/office-nav.tsx';
import { ReviewQueueScreen } from '../../features/review/review-queue-screen.tsx';
import { ReviewScreen } from '../../features/review/review-screen.tsx';
import { useSignedInSession } from '../signed-in-session.ts';

/** The review queue, inside the office's navigation for the office (leads who review reach it from their board). */
export function ReviewQueueRoute() {
  const session = useSignedInSession();
  return (
    <>
      {isOfficeRole(session.user.role) && <OfficeNav />}
      <ReviewQueueScreen />
    </>
  );
}

export function ReviewJobRoute() {
  const { id = '' } = useParams();
  return <ReviewScreen key={id} session={useSignedInSession()} jobId={id} />;
}
