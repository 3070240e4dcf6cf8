import { AuditTrailScreen } from '../../features/audit-trail/audit-trail-screen.tsx';
import { OfficeNav } from '../../features/office/office-nav.tsx';

/** The audit trail per person and per device, inside the office's navigation. */
export function AuditTrailRoute() {
  return (
    <>
      <OfficeNav />
      <AuditTrailScreen />
    </>
  );
}
