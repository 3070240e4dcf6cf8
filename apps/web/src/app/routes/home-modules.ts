import type { Role } from '@lastmile/domain';

/**
 * Each role's start screen module, in one place so the router's lazy routes and the start-up
 * preload (app.tsx) ask for the same chunk: whichever asks first fetches it, the other gets it
 * from the module map.
 */
export const technicianHomeModule = () => import('./technician-home.tsx');
export const leadHomeModule = () => import('./lead-home.tsx');
export const officeHomeModule = () => import('./office-home.tsx');

export function homeModule(role: Role): Promise<unknown> {
  switch (role) {
    case 'technician':
      return technicianHomeModule();
    case 'lead':
      return leadHomeModule();
    case 'office':
    case 'admin':
      return officeHomeModule();
  }
}
