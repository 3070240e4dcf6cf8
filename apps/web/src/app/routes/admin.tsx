import '../../i18n/office-messages.ts';
import '../../i18n/admin-messages.ts';
import '../../features/office/office.css';
import { OfficeNav } from '../../features/office/office-nav.tsx';
import { ApiKeysScreen } from '../../features/admin/api-keys-screen.tsx';
import { PeopleScreen } from '../../features/admin/people-screen.tsx';
import { SettingsScreen } from '../../features/admin/settings-screen.tsx';
import { TeamsScreen } from '../../features/admin/teams-screen.tsx';
import { WebhooksScreen } from '../../features/admin/webhooks-screen.tsx';
import { useSignedInSession } from '../signed-in-session.ts';

/**
 * The organization's administration, one chunk: people and teams (admins change them, the office
 * sees them) and the settings (admins only; app-routes.tsx guards it). Inside the office's navigation.
 */
export function PeopleRoute() {
  const session = useSignedInSession();
  return (
    <>
      <OfficeNav />
      <PeopleScreen canEdit={session.user.role === 'admin'} />
    </>
  );
}

export function TeamsRoute() {
  const session = useSignedInSession();
  return (
    <>
      <OfficeNav />
      <TeamsScreen canEdit={session.user.role === 'admin'} />
    </>
  );
}

export function SettingsRoute() {
  return (
    <>
      <OfficeNav />
      <SettingsScreen />
    </>
  );
}

export function WebhooksRoute() {
  return (
    <>
      <OfficeNav />
      <WebhooksScreen />
    </>
  );
}

export function ApiKeysRoute() {
  return (
    <>
      <OfficeNav />
      <ApiKeysScreen />
    </>
  );
}
