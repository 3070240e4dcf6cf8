import { describe, expect, it } from 'vitest';
import type { AdminUserChange } from '@lastmile/domain';
import { createTranslator } from '../../i18n/index.ts';
import '../../i18n/admin-messages.ts';
import { pl } from '../../i18n/pl.ts';
import { englishMessages } from '../../i18n/translate.ts';
import { withJobsMoved } from './jobs-moved.ts';

const english = createTranslator('en', englishMessages);
const polish = createTranslator('pl', pl);
const change = (jobsMoved: number): AdminUserChange => ({
  id: '11111111-1111-4111-8111-111111111111',
  orgId: '22222222-2222-4222-8222-222222222222',
  teamId: '33333333-3333-4333-8333-333333333333',
  name: 'Ann',
  email: 'ann@example.test',
  role: 'technician',
  active: true,
  jobsMoved,
});

describe('the notice after a person changed teams', () => {
  it('says how many open jobs went with them, and where', () => {
    expect(withJobsMoved(english, 'Saved.', change(3), 'North')).toBe('Saved. 3 open jobs moved to North.');
    expect(withJobsMoved(english, 'Saved.', change(1), 'North')).toBe('Saved. 1 open job moved to North.');
    expect(withJobsMoved(polish, 'Zapisano.', change(5), 'Północ')).toBe(
      'Zapisano. 5 otwartych zleceń przeniesiono do zespołu Północ.',
    );
  });

  it('says only what was done when no job moved', () => {
    expect(withJobsMoved(english, 'Saved.', change(0), 'North')).toBe('Saved.');
  });
});
