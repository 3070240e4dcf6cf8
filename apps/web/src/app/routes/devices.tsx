import '../../i18n/devices-messages.ts';
import { DevicesScreen } from '../../features/devices/devices-screen.tsx';
import { OfficeNav } from '../../features/office/office-nav.tsx';
import { useT } from '../../i18n/index.ts';
import { useSignedInSession } from '../signed-in-session.ts';

/** The device registry, inside the office's navigation: administrators only (the API says the same). */
export function DevicesRoute() {
  const t = useT();
  const session = useSignedInSession();
  return (
    <>
      <OfficeNav />
      {session.user.role === 'admin' ? (
        <DevicesScreen />
      ) : (
        <section className="route-message">
          <h1>{t('devices.title')}</h1>
          <p>{t('devices.adminOnly')}</p>
        </section>
      )}
    </>
  );
}
