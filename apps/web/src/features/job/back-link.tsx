import { Link } from 'react-router';
import { useT } from '../../i18n/index.ts';

/** Back to the person's home (the office's jobs table, the lead's board, the technician's day). */
export function BackLink() {
  const t = useT();
  return (
    <Link className="job__back" to="/">
      {t('job.back')}
    </Link>
  );
}
