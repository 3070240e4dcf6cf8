import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '@lastmile/domain';
import { createTranslator } from '../i18n/index.ts';
import { pl } from '../i18n/pl.ts';
// The audit timeline's English comes with the screens' route (ADR 0039).
import '../i18n/screens-messages.ts';
import { englishMessages } from '../i18n/translate.ts';
import { describeAuditEvent } from './describe-audit-event.ts';

const english = createTranslator('en', englishMessages);
const polish = createTranslator('pl', pl);
const ann = '11111111-1111-4111-8111-111111111111';
const bob = '22222222-2222-4222-8222-222222222222';

const event = (over: Partial<AuditEvent>): AuditEvent => ({
  id: '33333333-3333-4333-8333-333333333333',
  seq: 1,
  source: 'sync',
  userId: ann,
  clientId: 'phone-1234567890',
  action: 'transitionJob',
  entity: 'jobs',
  entityId: '44444444-4444-4444-8444-444444444444',
  jobId: '44444444-4444-4444-8444-444444444444',
  mutationId: 1,
  at: '2026-11-21T09:00:00.000Z',
  clientTime: null,
  changes: [],
  ...over,
});

describe('describeAuditEvent', () => {
  it('words a status change and a reassignment with labels and names, in the person’s language', () => {
    const e = event({
      changes: [
        { field: 'status', before: 'scheduled', after: 'in_progress' },
        { field: 'assigneeId', before: ann, after: bob },
      ],
    });
    const names = { [ann]: 'Ann', [bob]: 'Bob' };
    expect(describeAuditEvent(e, names, english)).toEqual({
      title: 'Change job status',
      changes: ['Status: Scheduled → In progress', 'Technician: Ann → Bob'],
    });
    expect(describeAuditEvent(e, names, polish).changes[1]).toBe('Technik: Ann → Bob');
  });

  it('shows a form answer by its field key, a new value against none, and a person no longer listed', () => {
    const e = event({
      action: 'setAnswer',
      changes: [
        { field: 'answer', fieldKey: 'co_ppm', before: null, after: 1000 },
        { field: 'assigneeId', before: 'not-a-known-id', after: null },
      ],
    });
    expect(describeAuditEvent(e, {}, english).changes).toEqual([
      'Answer “co_ppm”: none → 1000',
      'Technician: someone no longer listed → none',
    ]);
  });

  it('words a form moved to another version, the answer it dropped and a conflict flag cleared', () => {
    const moved = event({
      action: 'moveFormToVersion',
      changes: [
        { field: 'formVersion', before: 1, after: 2 },
        { field: 'answer', fieldKey: 'serial', before: 'SN-9', after: null },
        { field: 'answerConflict', fieldKey: 'make', before: true, after: false },
      ],
    });
    expect(describeAuditEvent(moved, {}, english).changes).toEqual([
      'Form version: 1 → 2',
      'Answer “serial”: “SN-9” → none',
      'Conflict flag on “make”: yes → no',
    ]);
    expect(describeAuditEvent(moved, {}, polish).changes[2]).toBe('Oznaczenie konfliktu „make”: tak → nie');
  });

  it('names REST writes: a named action, or the verb and the route’s entity', () => {
    const named = event({ source: 'rest', action: 'user.deactivated', clientId: 'session-0123456789abcdef' });
    expect(describeAuditEvent(named, {}, english).title).toBe('Deactivated a person');
    const route = event({ source: 'rest', action: 'PATCH /api/customers/:id', entity: 'customers' });
    expect(describeAuditEvent(route, {}, english).title).toBe('Changed (customers)');
    expect(describeAuditEvent(event({ action: 'somethingNew' }), {}, english).title).toBe('somethingNew');
  });

  it('says whom an admin changed, and how: a role by its label, a new lead and a team by name', () => {
    const team = '55555555-5555-4555-8555-555555555555';
    const promoted = event({
      source: 'rest',
      action: 'user.updated',
      entity: 'user',
      entityId: bob,
      changes: [{ field: 'role', before: 'technician', after: 'admin' }],
    });
    const names = { [ann]: 'Ann', [bob]: 'Bob', [team]: 'North' };
    expect(describeAuditEvent(promoted, names, english)).toEqual({
      title: 'Changed a person: Bob',
      changes: ['Role: Technician → Administrator'],
    });
    const lead = event({
      source: 'rest',
      action: 'team.lead_set',
      entity: 'team',
      entityId: team,
      changes: [{ field: 'leadId', before: null, after: bob }],
    });
    expect(describeAuditEvent(lead, names, english)).toEqual({
      title: 'Set a team lead: North',
      changes: ['Lead: none → Bob'],
    });
    expect(describeAuditEvent(lead, names, polish).changes).toEqual(['Kierownik zespołu: brak → Bob']);
  });
});
