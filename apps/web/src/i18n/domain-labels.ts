import type { JobStatus, Priority, Role } from '@lastmile/domain';
import type { MessageKey } from './en.ts';

// The template-literal return types make the compiler prove that the catalog has a label for
// every role, status and priority the domain defines.
export function roleKey(role: Role): `role.${Role}` & MessageKey {
  return `role.${role}`;
}

export function statusKey(status: JobStatus): `status.${JobStatus}` & MessageKey {
  return `status.${status}`;
}

export function priorityKey(priority: Priority): `priority.${Priority}` & MessageKey {
  return `priority.${priority}`;
}
