import type { Role } from '@lastmile/domain';

const KEY = 'lastmile.startRole';
const ROLES: readonly Role[] = ['technician', 'lead', 'office', 'admin'];

/**
 * The role of whoever was signed in on this device when the app last ran, read synchronously at
 * start-up. It only decides which code to fetch early (the session itself still comes from
 * IndexedDB and is checked there): a wrong or stale hint costs one unused download, never access.
 */
export function startRoleHint(): Role | null {
  try {
    const value = localStorage.getItem(KEY);
    return ROLES.find((role) => role === value) ?? null;
  } catch {
    return null; // storage blocked (some private modes): start without the head start
  }
}

export function rememberStartRole(role: Role | null): void {
  try {
    if (role) localStorage.setItem(KEY, role);
    else localStorage.removeItem(KEY);
  } catch {
    // The hint is an optimisation; without storage the app starts as before.
  }
}
