export const ROLES = ['technician', 'lead', 'office', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Office-side roles see and manage the whole organization. */
export function isOfficeRole(role: Role): boolean {
  return role === 'office' || role === 'admin';
}
