/** Demo sign-ins seeded by the API (apps/api/src/seed). */
export const DEMO_PASSWORD = 'lastmile-demo';

export const DEMO_USERS = {
  technician: 'tech1@demo.lastmile.app',
  lead: 'lead1@demo.lastmile.app',
  office: 'office@demo.lastmile.app',
  admin: 'admin@demo.lastmile.app',
} as const;
