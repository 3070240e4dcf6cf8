import { Link } from 'react-router';
import { useT } from '../../i18n/index.ts';
import { useReviewSettings } from './review-api.ts';

/** For a lead: the way to the team's review queue, shown only where the organization lets leads review. */
export function ReviewQueueLink() {
  const t = useT();
  const mode = useReviewSettings().data?.mode;
  if (!mode || mode === 'office') return null;
  return (
    <p className="review-queue-link">
      <Link to="/review">{t('review.queue.title')}</Link>
    </p>
  );
}
