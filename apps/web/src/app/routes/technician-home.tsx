import { TechnicianHome } from '../../features/home/technician-home.tsx';
import { useSignedInSession } from '../signed-in-session.ts';

export function TechnicianHomeRoute() {
  return <TechnicianHome session={useSignedInSession()} />;
}
