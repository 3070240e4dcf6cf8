import { checkPhoto, checkTransition, DEFAULT_PHOTO_SETTINGS } from '@lastmile/domain';
import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { pl } from './pl.ts';
import { serverMessage } from './server-message.ts';
import { createTranslator } from './translate.ts';

const polish = createTranslator('pl', pl);
const english = createTranslator('en', en);

function refusal(...args: Parameters<typeof checkTransition>) {
  const check = checkTransition(...args);
  if (check.ok) throw new Error('expected a refusal');
  return check;
}

describe('serverMessage', () => {
  it('says a domain refusal in the chosen language, naming statuses and roles in it', () => {
    const notFrom = refusal('approved', 'in_progress', 'technician');
    expect(serverMessage(notFrom.detail, notFrom.reason, polish)).toBe(
      'Zlecenia o statusie „Zatwierdzone” nie można zmienić na „W toku”.',
    );
    const role = refusal('submitted', 'approved', 'technician');
    expect(serverMessage(role.detail, role.reason, polish)).toBe(
      'Status „Zatwierdzone” mogą nadać tylko: Biuro, Administrator.',
    );
    expect(serverMessage(role.detail, role.reason, english)).toBe(
      'Only these roles can mark a job “Approved”: Office, Administrator.',
    );
  });

  it('chooses the Polish plural of a server parameter', () => {
    const detail = { key: 'auth.rateLimited', params: { seconds: 5 } };
    expect(serverMessage(detail, 'Too many sign-in attempts. Wait 5 seconds and try again.', polish)).toBe(
      'Za dużo prób logowania. Odczekaj 5 sekund i spróbuj ponownie.',
    );
    expect(serverMessage({ ...detail, params: { seconds: 2 } }, '', polish)).toContain('Odczekaj 2 sekundy');
  });

  it("keeps the server's English for a message without a key or with a key this app does not know", () => {
    expect(serverMessage(undefined, 'Wrong email or password.', polish)).toBe('Wrong email or password.');
    expect(serverMessage({ key: 'job.somethingNewer' }, 'Something newer.', polish)).toBe('Something newer.');
  });

  it('passes through a parameter that is not a status or role code as it came', () => {
    const detail = { key: 'job.transition.already', params: { status: 'on_hold' } };
    expect(serverMessage(detail, 'The job is already on hold.', polish)).toBe('Zlecenie ma już status „on_hold”.');
  });
});

describe('photo refusals on the phone', () => {
  const settings = { ...DEFAULT_PHOTO_SETTINGS, maxBytes: 2 * 1024 * 1024, maxPerJob: 5 };

  it('says why a photo is refused in Polish, with the sizes in Polish number format', () => {
    const tooLarge = checkPhoto(settings, { size: 3.25 * 1024 * 1024, contentType: 'image/jpeg' }, 0)!;
    expect(tooLarge.reason).toBe('This photo is 3.3 MB; the largest allowed is 2 MB.');
    expect(serverMessage(tooLarge.detail, tooLarge.reason, polish)).toBe(
      'To zdjęcie ma 3,3 MB; największy dozwolony rozmiar to 2 MB.',
    );
    const full = checkPhoto(settings, { size: 1000, contentType: 'image/jpeg' }, 5)!;
    expect(serverMessage(full.detail, full.reason, polish)).toBe(
      'To zlecenie ma już 5 zdjęć — tyle, ile pozwala Twoja organizacja.',
    );
    expect(serverMessage(full.detail, full.reason, english)).toBe(full.reason);
  });
});
