import '../../i18n/drift-messages.ts';
import { DriftScreen } from '../../features/drift/drift-screen.tsx';
import { OfficeNav } from '../../features/office/office-nav.tsx';

/** The drift dashboard (R11), inside the office's navigation. */
export function DriftRoute() {
  return (
    <>
      <OfficeNav />
      <DriftScreen />
    </>
  );
}
