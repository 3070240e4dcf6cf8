import { Link, useLocation } from 'react-router';
import type { Role } from '@lastmile/domain';
import { useSignedInSession } from '../../app/signed-in-session.ts';
import { useT, type MessageKey } from '../../i18n/index.ts';

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

/** The organization's administration: the office sees people and teams; devices, API keys, webhooks and settings are for admins. */
const ADMIN_LINKS: [string, MessageKey, readonly Role[]][] = [
  ['/admin/people', 'office.nav.people', ['office', 'admin']],
  ['/admin/teams', 'office.nav.teams', ['office', 'admin']],
  ['/office/devices', 'office.nav.devices', ['admin']],
  ['/admin/api-keys', 'office.nav.apiKeys', ['admin']],
  ['/admin/webhooks', 'office.nav.webhooks', ['admin']],
  ['/admin/settings', 'office.nav.settings', ['admin']],
];

export function OfficeNav() {
  const t = useT();
  const path = useLocation().pathname;
  const role = useSignedInSession().user.role;
  const links = [
    ...LINKS,
    ...ADMIN_LINKS.filter(([, , roles]) => roles.includes(role)).map(([href, key]) => [href, key] as const),
  ];
  return (
    <nav className="office-nav" aria-label={t('office.nav.label')}>
      <ul>
        {links.map(([href, key]) => (
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
