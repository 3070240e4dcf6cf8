import type { ItemStatus, OutstandingItemRow, UserRow } from '@lastmile/domain';

/** The device's local date as YYYY-MM-DD, the format of an item's due date. */
export function localIsoDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function isItemOpen(item: Pick<OutstandingItemRow, 'status'>): boolean {
  return item.status === 'open' || item.status === 'in_progress';
}

/** Overdue: still open and due before today (an item due today is not late yet). */
export function isItemOverdue(item: Pick<OutstandingItemRow, 'status' | 'dueDate'>, now: Date): boolean {
  return isItemOpen(item) && item.dueDate !== null && item.dueDate < localIsoDate(now);
}

export type ItemList = 'mine' | 'team' | 'all';
export type ItemFilter = {
  list: ItemList;
  status: ItemStatus | 'open_any' | 'all';
  /** A person's id, or 'all'. */
  ownerId: string;
  overdueOnly: boolean;
};

type Me = Pick<UserRow, 'id' | 'teamId'>;

export function matchesItemFilter(item: OutstandingItemRow, filter: ItemFilter, me: Me, now: Date): boolean {
  if (filter.list === 'mine' && item.ownerId !== me.id) return false;
  if (filter.list === 'team' && (me.teamId === null || item.teamId !== me.teamId)) return false;
  if (filter.status === 'open_any' && !isItemOpen(item)) return false;
  if (filter.status !== 'open_any' && filter.status !== 'all' && item.status !== filter.status) return false;
  if (filter.ownerId !== 'all' && item.ownerId !== filter.ownerId) return false;
  if (filter.overdueOnly && !isItemOverdue(item, now)) return false;
  return true;
}

const PRIORITY_RANK = { urgent: 0, high: 1, normal: 2, low: 3 } as const;

/** Overdue first, then by due date (undated last), then urgency, then newest. */
export function compareItems(now: Date) {
  return (a: OutstandingItemRow, b: OutstandingItemRow): number =>
    Number(isItemOverdue(b, now)) - Number(isItemOverdue(a, now)) ||
    (a.dueDate ?? '9999-99-99').localeCompare(b.dueDate ?? '9999-99-99') ||
    PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
    b.createdAt.localeCompare(a.createdAt);
}
