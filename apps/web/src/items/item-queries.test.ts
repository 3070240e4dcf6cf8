import type { OutstandingItemRow } from '@lastmile/domain';
import { describe, expect, it } from 'vitest';
import { compareItems, isItemOverdue, localIsoDate, matchesItemFilter, type ItemFilter } from './item-queries.ts';

let seq = 0;
function item(overrides: Partial<OutstandingItemRow> = {}): OutstandingItemRow {
  seq += 1;
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    orgId: 'org',
    title: `Item ${seq}`,
    description: '',
    jobId: null,
    siteId: 'site',
    teamId: 'team-a',
    ownerId: 'ana',
    dueDate: null,
    priority: 'normal',
    status: 'open',
    createdBy: 'ana',
    createdAt: `2025-05-0${(seq % 9) + 1}T08:00:00.000Z`,
    updatedAt: '2025-05-01T08:00:00.000Z',
    ...overrides,
  };
}
const now = new Date(2025, 4, 12, 15);
const base: ItemFilter = { list: 'all', status: 'all', ownerId: 'all', overdueOnly: false };

describe('isItemOverdue', () => {
  it('is overdue from the day after the due date while open', () => {
    expect(localIsoDate(now)).toBe('2025-05-12');
    expect(isItemOverdue(item({ dueDate: '2025-05-11' }), now)).toBe(true);
    expect(isItemOverdue(item({ dueDate: '2025-05-11', status: 'in_progress' }), now)).toBe(true);
    expect(isItemOverdue(item({ dueDate: '2025-05-12' }), now)).toBe(false);
    expect(isItemOverdue(item({ dueDate: null }), now)).toBe(false);
    expect(isItemOverdue(item({ dueDate: '2025-05-01', status: 'done' }), now)).toBe(false);
    expect(isItemOverdue(item({ dueDate: '2025-05-01', status: 'wont_do' }), now)).toBe(false);
  });
});

describe('matchesItemFilter', () => {
  const me = { id: 'ana', teamId: 'team-a' };
  it('mine = owned by me; team = my team; all = everything', () => {
    const mine = item();
    const teammate = item({ ownerId: 'ben' });
    const other = item({ ownerId: 'zoe', teamId: 'team-b' });
    const pick = (list: ItemFilter['list']) =>
      [mine, teammate, other].filter((i) => matchesItemFilter(i, { ...base, list }, me, now));
    expect(pick('mine')).toEqual([mine]);
    expect(pick('team')).toEqual([mine, teammate]);
    expect(pick('all')).toEqual([mine, teammate, other]);
  });

  it('filters by status (open or in progress together), owner and overdue', () => {
    const open = item({ dueDate: '2025-05-01' });
    const working = item({ status: 'in_progress', ownerId: 'ben' });
    const done = item({ status: 'done' });
    const rows = [open, working, done];
    expect(rows.filter((i) => matchesItemFilter(i, { ...base, status: 'open_any' }, me, now))).toEqual([open, working]);
    expect(rows.filter((i) => matchesItemFilter(i, { ...base, status: 'done' }, me, now))).toEqual([done]);
    expect(rows.filter((i) => matchesItemFilter(i, { ...base, ownerId: 'ben' }, me, now))).toEqual([working]);
    expect(rows.filter((i) => matchesItemFilter(i, { ...base, overdueOnly: true }, me, now))).toEqual([open]);
  });
});

describe('compareItems', () => {
  it('puts overdue first, then by due date, undated last', () => {
    const later = item({ title: 'later', dueDate: '2025-06-01' });
    const undated = item({ title: 'undated' });
    const overdue = item({ title: 'overdue', dueDate: '2025-05-10' });
    const soon = item({ title: 'soon', dueDate: '2025-05-13' });
    expect([later, undated, overdue, soon].sort(compareItems(now)).map((i) => i.title)).toEqual([
      'overdue',
      'soon',
      'later',
      'undated',
    ]);
  });
});
