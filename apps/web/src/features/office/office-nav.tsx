import { Link, useLocation } from 'react-router';
import { useSignedInSession } from '../../app/signed-in-session.ts';
import { useT, type MessageKey } from '../../i18n/index.ts';

/** Screens for administrators only (the office sees the rest). */
const ADMIN_LINKS: [string, MessageKey][] = [['/office/devices', 'office.nav.devices']];

const LINKS: [string, MessageKey][] = [
  ['/', 'office.nav.jobs'],
  ['/review', 'review.nav'],
  ['/office/jobs/new', 'office.nav.newJob'],
  ['/office/customers', 'office.nav.customers'],
  ['/office/job-types', 'office.nav.jobTypes'],
  ['/import', 'office.nav.import'],
  ['/items', 'office.nav.items'],
  ['/templates', 'office.nav.templates'],
  ['/changes', 'office.nav.changes'],
  ['/office/audit', 'office.nav.audit'],
  ['/drift', 'office.nav.drift'],
];

export function OfficeNav() {
  const t = useT();
  const path = useLocation().pathname;
  const admin = useSignedInSession().user.role === 'admin';
  return (
    <nav className="office-nav" aria-label={t('office.nav.label')}>
      <ul>
        {[...LINKS, ...(admin ? ADMIN_LINKS : [])].map(([href, key]) => (
          <li key={href}>
            <Link to={href} aria-current={path === href ? 'page' : undefined}>
              {t(key)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
