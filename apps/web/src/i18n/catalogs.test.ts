import { parse, type Token } from '@messageformat/parser';
import { describe, expect, it } from 'vitest';
import { en as mainEnglish } from './en.ts';
import { enAccount } from './en-account.ts';
import { enAdmin } from './en-admin.ts';
import { enAudit } from './en-audit.ts';
import { enBoard } from './en-board.ts';
import { enBuilder } from './en-builder.ts';
import { enChanges } from './en-changes.ts';
import { enControls } from './en-controls.ts';
import { enCrew } from './en-crew.ts';
import { enDevices } from './en-devices.ts';
import { enDrift } from './en-drift.ts';
import { enForms } from './en-forms.ts';
import { enHomes } from './en-homes.ts';
import { enInbox } from './en-inbox.ts';
import { enItems } from './en-items.ts';
import { enJob } from './en-job.ts';
import { enJobServer } from './en-job-server.ts';
import { enOffice } from './en-office.ts';
import { enOfficeNav } from './en-office-nav.ts';
import { enPhotos } from './en-photos.ts';
import { enReports } from './en-reports.ts';
import { enReview } from './en-review.ts';
import { enSetPassword } from './en-set-password.ts';
import { toIcu, type Message } from './message.ts';
import { pl } from './pl.ts';

/**
 * The catalog check CI runs with `pnpm test`: every language has every English key and no other,
 * every message is valid ICU MessageFormat, a translation uses exactly the English placeholders,
 * and a Polish plural names all of one, few, many and other (1 zdjęcie, 2 zdjęcia, 5 zdjęć,
 * 1,5 zdjęcia) — English's one/other would pass a test at 1 and 2 and be wrong at 5.
 */
const catalogs: Record<string, Readonly<Record<string, Message>>> = { pl };
// Every English message: the start path's (en.ts) and those the lazy chunks add (screens-messages.ts,
// set-password-messages.ts, office-messages.ts, admin-messages.ts, drift-messages.ts, devices-messages.ts).
const en: Readonly<Record<string, Message>> = {
  ...mainEnglish,
  ...enHomes,
  ...enJob,
  ...enJobServer,
  ...enBoard,
  ...enItems,
  ...enControls,
  ...enChanges,
  ...enForms,
  ...enPhotos,
  ...enReview,
  ...enReports,
  ...enAudit,
  ...enInbox,
  ...enAccount,
  ...enSetPassword,
  ...enCrew,
  ...enOfficeNav,
  ...enOffice,
  ...enBuilder,
  ...enDrift,
  ...enDevices,
  ...enAdmin,
};
const POLISH_PLURAL_FORMS = ['few', 'many', 'one', 'other'];

type Shape = { args: Set<string>; plurals: string[][] };

function shape(tokens: Token[], into: Shape = { args: new Set(), plurals: [] }): Shape {
  for (const token of tokens) {
    if (token.type === 'argument' || token.type === 'function') into.args.add(token.arg);
    if (token.type === 'plural' || token.type === 'select' || token.type === 'selectordinal') {
      into.args.add(token.arg);
      if (token.type === 'plural') into.plurals.push(token.cases.map((c) => c.key).sort());
      for (const branch of token.cases) shape(branch.tokens, into);
    }
  }
  return into;
}

const parsed = (message: Message) => shape(parse(toIcu(message)));

describe('English catalog', () => {
  it.each(Object.entries(en))('%s is valid ICU', (_key, message) => {
    expect(() => parsed(message)).not.toThrow();
  });
});

describe.each(Object.entries(catalogs))('%s catalog', (_locale, catalog) => {
  it('has every English key', () => {
    expect(Object.keys(en).filter((key) => !Object.hasOwn(catalog, key))).toEqual([]);
  });

  it('has no key English lacks (a typo or a key English dropped)', () => {
    expect(Object.keys(catalog).filter((key) => !Object.hasOwn(en, key))).toEqual([]);
  });

  it.each(Object.keys(en).filter((key) => Object.hasOwn(catalog, key)))('%s matches English', (key) => {
    const english = parsed(en[key]!);
    const translated = parsed(catalog[key]!);
    expect([...translated.args].sort()).toEqual([...english.args].sort());
    if (english.plurals.length > 0) expect(translated.plurals.length).toBeGreaterThan(0);
    if (_locale === 'pl') for (const forms of translated.plurals) expect(forms).toEqual(POLISH_PLURAL_FORMS);
  });
});

describe('the check itself', () => {
  it('sees a renamed placeholder, a missing Polish plural form and broken syntax', () => {
    expect([...parsed('Zlecenie {numer}').args]).not.toEqual([...parsed(en['job.number']!).args]);
    expect(parsed('{count, plural, one {# zdjęcie} other {# zdjęć}}').plurals[0]).not.toEqual(POLISH_PLURAL_FORMS);
    expect(() => parsed('{count, plural, one {# zdjęcie}')).toThrow();
  });
});
