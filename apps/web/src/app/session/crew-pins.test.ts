import { testSession } from './test-session.ts';
import { CREW_PIN_ATTEMPTS, type CrewMember } from '@lastmile/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeviceDb } from './device-db.ts';
import { checkCrewPin, clearCrewLockout, crewRows, forgetCrew, pinSignIns, setCrewPin } from './crew-pins.ts';

// Fast in tests; the app uses the offline verifier's 600,000 (the count is stored per row).
const ITERATIONS = 1_000;
const HOST = '0b7e3f0e-5d2a-4c1e-9a43-2f1d7c6b5a40';
const host: CrewMember = { id: HOST, name: 'Ana Ruiz', role: 'technician', teamId: null };
const lead: CrewMember = { id: '1c8f4a1f-6e3b-4d2f-8b54-3a2e8d7c6b51', name: 'Ben Lead', role: 'lead', teamId: null };
const session = testSession(HOST);

let db: DeviceDb;
let n = 0;
beforeEach(() => {
  db = new DeviceDb(`crew-pin-test-${++n}`);
});
afterEach(async () => {
  await db.delete();
});

describe('crew PINs', () => {
  it('never stores the PIN as typed, and accepts only the right one', async () => {
    await setCrewPin(db, { hostUserId: HOST, member: lead, pin: '4821' }, ITERATIONS);
    const [row] = await crewRows(db, HOST);
    expect(JSON.stringify(row)).not.toContain('4821');
    expect(row?.hash).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(await checkCrewPin(db, HOST, lead.id, '4822')).toEqual({ ok: false, reason: 'wrong', attemptsLeft: 4 });
    expect(await checkCrewPin(db, HOST, lead.id, '4821')).toMatchObject({ ok: true });
    // A right PIN starts the count again.
    expect((await db.crew.get([HOST, lead.id]))?.failures).toBe(0);
  });

  it('gives the same PIN a different hash for each person and each time it is set', async () => {
    await setCrewPin(db, { hostUserId: HOST, member: lead, pin: '1111' }, ITERATIONS);
    await setCrewPin(db, { hostUserId: HOST, member: host, pin: '1111', session }, ITERATIONS);
    const [a, b] = await crewRows(db, HOST);
    expect(a?.hash).not.toBe(b?.hash);
    const before = a?.hash;
    await setCrewPin(db, { hostUserId: HOST, member: host, pin: '1111', session }, ITERATIONS);
    expect((await db.crew.get([HOST, HOST]))?.hash).not.toBe(before);
  });

  it(`locks a person out after ${CREW_PIN_ATTEMPTS} wrong PINs, even with the right one, until they prove who they are`, async () => {
    await setCrewPin(db, { hostUserId: HOST, member: host, pin: '2468', session }, ITERATIONS);
    const answers = [];
    for (let i = 0; i < CREW_PIN_ATTEMPTS; i++) answers.push(await checkCrewPin(db, HOST, HOST, '0000'));
    expect(answers.at(-1)).toEqual({ ok: false, reason: 'locked' });
    expect(answers.slice(0, -1).map((a) => (a.ok ? 0 : 'attemptsLeft' in a ? a.attemptsLeft : -1))).toEqual([
      4, 3, 2, 1,
    ]);
    expect(await checkCrewPin(db, HOST, HOST, '2468')).toEqual({ ok: false, reason: 'locked' });
    // An online sign-in (their password, checked by the server) ends the lock-out.
    await clearCrewLockout(db, HOST, HOST);
    expect(await checkCrewPin(db, HOST, HOST, '2468')).toMatchObject({ ok: true });
  });

  it('counts two checks made at once as two tries (no free guesses from parallel checks)', async () => {
    await setCrewPin(db, { hostUserId: HOST, member: lead, pin: '1357' }, ITERATIONS);
    await Promise.all([checkCrewPin(db, HOST, lead.id, '0001'), checkCrewPin(db, HOST, lead.id, '0002')]);
    expect((await db.crew.get([HOST, lead.id]))?.failures).toBe(2);
  });

  it('refuses a PIN that is not 4 to 8 digits, and a person without one', async () => {
    await expect(setCrewPin(db, { hostUserId: HOST, member: lead, pin: '12a4' }, ITERATIONS)).rejects.toThrow();
    await expect(setCrewPin(db, { hostUserId: HOST, member: lead, pin: '123' }, ITERATIONS)).rejects.toThrow();
    expect(await checkCrewPin(db, HOST, lead.id, '1234')).toEqual({ ok: false, reason: 'no-pin' });
  });

  it('lists only the phone’s own people for PIN sign-in, and forgets a crew', async () => {
    await setCrewPin(db, { hostUserId: HOST, member: host, pin: '2468', session }, ITERATIONS);
    await setCrewPin(db, { hostUserId: HOST, member: lead, pin: '1357' }, ITERATIONS);
    expect((await pinSignIns(db)).map((r) => r.userId)).toEqual([HOST]);
    await forgetCrew(db, HOST, { keepOwn: true });
    expect((await crewRows(db, HOST)).map((r) => r.userId)).toEqual([HOST]);
    await forgetCrew(db, HOST, { keepOwn: false });
    expect(await crewRows(db, HOST)).toEqual([]);
  });
});
