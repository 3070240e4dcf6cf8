import type { AdminPerson } from '@lastmile/domain';
import type { MessageKey } from '../../i18n/index.ts';

export const STATUS_KEYS = {
  active: 'admin.status.active',
  deactivated: 'admin.status.deactivated',
  pending: 'admin.status.invited',
  expired: 'admin.status.inviteExpired',
} as const satisfies Record<string, MessageKey>;
export type PersonStatus = keyof typeof STATUS_KEYS;

/** Deactivated beats everything; then an invitation not yet answered; else active. */
export function statusOf(person: AdminPerson): PersonStatus {
  if (!person.active) return 'deactivated';
  return person.invitation ?? 'active';
}

/** Name or email containing every word typed, in any case and any order. */
export function matchesSearch(person: AdminPerson, search: string): boolean {
  const text = `${person.name} ${person.email}`.toLocaleLowerCase();
  return search
    .toLocaleLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => text.includes(word));
}
