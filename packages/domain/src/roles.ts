import { z } from 'zod';

export const ROLES = ['technician', 'lead', 'office', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** Office-side roles see and manage the whole organization. */
export function isOfficeRole(role: Role): boolean {
  return role === 'office' || role === 'admin';
}
