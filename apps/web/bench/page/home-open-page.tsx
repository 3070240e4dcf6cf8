/**
 * Runs inside Chromium (bundled by ../home-open.bench.ts). Fills the app's AppDb with a demo-like
 * organization and `jobs` jobs spread over ±7 days around today, then opens the real home
 * screens — the technician's Today and the lead's board — by rendering the role's home screen
 * (inside a MemoryRouter, AppDbProvider + SyncProvider, as the signed-in shell does) into a fresh div, timing
 * from `render()` until the job rows are in the DOM (MutationObserver), and again after a forced
 * layout. Baseline in the same run: the raw Dexie index read of the same rows.
 */
import Dexie, { liveQuery } from 'dexie';
import { DEFAULT_PHOTO_SETTINGS, isOpenStatus } from '@lastmile/domain';
import type {
  CustomerRow,
  JobRow,
  JobStatus,
  JobTypeRow,
  Priority,
  SessionInfo,
  SiteRow,
  TeamRow,
  UserRow,
} from '@lastmile/domain';
import { createRoot } from 'react-dom/client';
import { boardLoad, buildBoard } from '../../src/features/board/board-queries.ts';
import { MemoryRouter } from 'react-router';
import { LeadBoard } from '../../src/features/board/lead-board.tsx';
import { TechnicianHome } from '../../src/features/home/technician-home.tsx';
import { localDay, type DayRange } from '../../src/jobs/job-queries.ts';
import { loadJobViews } from '../../src/jobs/load-job-views.ts';
import { groupForToday, todayWindow } from '../../src/jobs/today-groups.ts';
import { AppDbProvider } from '../../src/local-db/app-db-context.tsx';
import { AppDb } from '../../src/local-db/app-db.ts';
import { SyncProvider } from '../../src/sync/sync-context.tsx';
import '../../src/ui/theme.css';
import { describeError, drop, freshDb, uuid } from './page-util.ts';

export type HomeOpenOptions = { jobs: number; runs: number; warmup: number; screens: readonly ('today' | 'board')[] };
/** One screen: per-run times (ms) of the screen and of its baseline, and what was shown. */
export type ScreenSeries = {
  /** render() → job rows in the DOM. */
  dom: number[];
  /** … plus a forced style + layout of the page. */
  layout: number[];
  /** The raw Dexie read of the rows the screen queries. */
  raw: number[];
  rawRows: number;
  /** Job elements in the DOM (checked against the rows). */
  shown: number;
};
/** Where a screen's time goes: per-run times (ms) of each step of its query, outside React. */
export type StepSeries = Record<string, number[]>;
export type HomeOpenResult = {
  steps: { today: StepSeries | null; board: StepSeries | null };
  today: ScreenSeries | null;
  board: ScreenSeries | null;
  fill: { ms: number; jobs: number; perTechnician: number; perTeam: number };
  viewport: string;
};

const ORG = uuid(0, 1);
const TEAMS = [uuid(3, 1), uuid(3, 2)];
// The demo's cast (apps/api/src/seed/demo-data.ts): 2 leads, 6 technicians in 2 teams, office, admin.
const PEOPLE: readonly { name: string; role: UserRow['role']; team: number | null }[] = [
  { name: 'Morgan Reid', role: 'admin', team: null },
  { name: 'Priya Shah', role: 'office', team: null },
  { name: 'Dan Okafor', role: 'lead', team: 0 },
  { name: 'Sofia Marques', role: 'lead', team: 1 },
  { name: 'Liam Carter', role: 'technician', team: 0 },
  { name: 'Aisha Begum', role: 'technician', team: 0 },
  { name: 'Tom Pritchard', role: 'technician', team: 0 },
  { name: 'Grace Nowak', role: 'technician', team: 1 },
  { name: 'Owen Hughes', role: 'technician', team: 1 },
  { name: 'Maya Lindqvist', role: 'technician', team: 1 },
];
const USERS: UserRow[] = PEOPLE.map((p, i) => ({
  id: uuid(4, i),
  orgId: ORG,
  teamId: p.team === null ? null : TEAMS[p.team]!,
  name: p.name,
  email: `${p.name.split(' ')[0]!.toLowerCase()}@demo.lastmile.app`,
  role: p.role,
  active: true,
}));
const TECHNICIANS = USERS.filter((u) => u.role === 'technician');
const TECH = TECHNICIANS[0]!;
const LEAD = USERS.find((u) => u.role === 'lead' && u.teamId === TEAMS[0])!;
const JOB_TYPES: JobTypeRow[] = [
  { name: 'Boiler service', minutes: 60, keys: ['gas_pressure_mbar', 'flue_co_ppm', 'appliance_safe'] },
  { name: 'Fire alarm inspection', minutes: 90, keys: ['panel_faults', 'detectors_tested', 'sounders_ok'] },
  { name: 'Heat pump install', minutes: 420, keys: ['unit_serial', 'refrigerant_charge_kg', 'commissioning_ok'] },
].map((t, i) => ({
  id: uuid(5, i),
  orgId: ORG,
  name: t.name,
  defaultDurationMinutes: t.minutes,
  keyFields: t.keys,
  requiredFields: [],
  templateId: null,
}));
const CUSTOMERS = 200;
const SITES = 400;

function session(user: UserRow): SessionInfo {
  return {
    user: { id: user.id, name: user.name, email: user.email, role: user.role, teamId: user.teamId },
    org: { id: ORG, name: 'Northwind Heating & Fire', photos: DEFAULT_PHOTO_SETTINGS },
    csrfToken: 'bench',
  };
}

function statusFor(dayOffset: number, r: number): JobStatus {
  if (dayOffset < 0) {
    // The past week is mostly done; a few jobs are still open (overdue, carried into today).
    if (r < 55) return 'approved';
    if (r < 80) return 'completed';
    if (r < 88) return 'submitted';
    if (r < 93) return 'cancelled';
    return r < 97 ? 'scheduled' : 'paused';
  }
  if (dayOffset === 0) {
    if (r < 25) return 'completed';
    if (r < 32) return 'in_progress';
    if (r < 35) return 'paused';
    if (r < 38) return 'sent_back';
    return 'scheduled';
  }
  return r < 2 ? 'cancelled' : 'scheduled';
}

function priorityFor(i: number): Priority {
  if (i % 29 === 0) return 'urgent';
  if (i % 7 === 0) return 'high';
  if (i % 11 === 0) return 'low';
  return 'normal';
}

/** `count` jobs over the 15 days from 7 days ago to 7 days ahead, 07:00–17:45 local; 5% unassigned (in a team's tray). */
function makeJobs(count: number, today: DayRange): JobRow[] {
  const updatedAt = new Date().toISOString();
  return Array.from({ length: count }, (_, i) => {
    const dayOffset = (i % 15) - 7;
    const tech = TECHNICIANS[Math.floor(i / 15) % TECHNICIANS.length]!;
    const unassigned = i % 20 === 7;
    const type = JOB_TYPES[i % JOB_TYPES.length]!;
    const start = new Date(today.start);
    start.setDate(start.getDate() + dayOffset);
    start.setHours(7 + (Math.floor(i / 90) % 11), (Math.floor(i / 45) % 4) * 15);
    const minutes = Math.min(type.defaultDurationMinutes, 120);
    const site = i % SITES;
    return {
      id: uuid(1, i),
      orgId: ORG,
      number: `J-${String(i + 1).padStart(5, '0')}`,
      jobTypeId: type.id,
      customerId: uuid(6, site % CUSTOMERS),
      siteId: uuid(7, site),
      teamId: tech.teamId,
      assigneeId: unassigned ? null : tech.id,
      status: unassigned ? (dayOffset < 0 ? 'cancelled' : 'scheduled') : statusFor(dayOffset, (i * 37) % 100),
      priority: priorityFor(i),
      scheduledStart: start.toISOString(),
      scheduledEnd: new Date(start.getTime() + minutes * 60_000).toISOString(),
      title: `${type.name}: unit ${i % 13}, check and report`,
      notes: i % 4 === 0 ? 'Customer asked for a call 30 minutes before arrival.' : '',
      statusReason: null,
      handoffNote: null,
      externalRef: null,
      updatedAt,
      updatedBy: null,
    };
  });
}

async function fill(db: AppDb, jobs: JobRow[]): Promise<void> {
  const teams: TeamRow[] = TEAMS.map((id, i) => ({ id, orgId: ORG, name: ['North crew', 'South crew'][i]! }));
  const customers: CustomerRow[] = Array.from({ length: CUSTOMERS }, (_, i) => ({
    id: uuid(6, i),
    orgId: ORG,
    name: `Customer ${i} Ltd`,
    phone: `+44 117 496 ${String(i).padStart(4, '0')}`,
    email: i % 3 === 0 ? null : `accounts${i}@example.com`,
  }));
  const sites: SiteRow[] = Array.from({ length: SITES }, (_, i) => ({
    id: uuid(7, i),
    orgId: ORG,
    customerId: uuid(6, i % CUSTOMERS),
    name: `Site ${i}`,
    address: `${1 + (i % 180)} Harbour Road, Bristol BS${1 + (i % 16)} ${i % 9}XY`,
    lat: 51.45 + (i % 100) / 1000,
    lng: -2.59 + (i % 100) / 1000,
    accessNotes: i % 3 === 0 ? 'Key in the lockbox by the side gate, code 4411.' : '',
  }));
  await db.transaction('rw', [db.users, db.teams, db.customers, db.sites, db.jobTypes, db.jobs], async () => {
    await db.users.bulkPut(USERS);
    await db.teams.bulkPut(teams);
    await db.customers.bulkPut(customers);
    await db.sites.bulkPut(sites);
    await db.jobTypes.bulkPut(JOB_TYPES);
    await db.jobs.bulkPut(jobs);
  });
}

/** The rows each screen reads, straight from the index it uses: the baseline. */
function rawToday(db: AppDb, day: DayRange): Promise<JobRow[]> {
  return db.jobs
    .where('[assigneeId+scheduledStart]')
    .between([TECH.id, Dexie.minKey], [TECH.id, todayWindow(day).end.toISOString()])
    .toArray();
}

function rawBoard(db: AppDb, day: DayRange): Promise<JobRow[]> {
  return db.jobs
    .where('[teamId+scheduledStart]')
    .between(
      [LEAD.teamId!, new Date(day.start.getTime() - 86_400_000).toISOString()],
      [LEAD.teamId!, day.end.toISOString()],
    )
    .toArray();
}

/** Resolves when `ready(host)` holds, checking after every DOM mutation under `host`. */
function whenReady(host: HTMLElement, ready: (host: HTMLElement) => boolean): Promise<void> {
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!ready(host)) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(host, { childList: true, subtree: true });
  });
}

/** The job rows are in: the loading line is gone and the screen's job elements are there. */
const loaded = (selector: string) => (host: HTMLElement) =>
  host.querySelector('.home') !== null &&
  host.querySelector('.home__loading') === null &&
  host.querySelector(selector) !== null;

/** Opens HomeScreen for `user` on its own connection (as after a reload) and times it. */
async function openHome(
  dbName: string,
  user: UserRow,
  selector: string,
): Promise<{ dom: number; layout: number; shown: number }> {
  const db = new AppDb(dbName);
  await db.open();
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  try {
    const who = session(user);
    const ready = whenReady(host, loaded(selector));
    const start = performance.now();
    root.render(
      <AppDbProvider db={db}>
        <SyncProvider db={db} session={who}>
          <MemoryRouter>
            {who.user.role === 'lead' ? <LeadBoard session={who} /> : <TechnicianHome session={who} />}
          </MemoryRouter>
        </SyncProvider>
      </AppDbProvider>,
    );
    await ready;
    const dom = performance.now() - start;
    void host.getBoundingClientRect().height; // style + layout of everything that was added
    const layout = performance.now() - start;
    return { dom, layout, shown: host.querySelectorAll(selector).length };
  } finally {
    root.unmount();
    host.remove();
    db.close();
  }
}

async function timeRaw(
  dbName: string,
  read: (db: AppDb) => Promise<JobRow[]>,
): Promise<{ ms: number; rows: JobRow[] }> {
  const db = new AppDb(dbName);
  await db.open();
  try {
    const start = performance.now();
    const rows = await read(db);
    return { ms: performance.now() - start, rows };
  } finally {
    db.close();
  }
}

/**
 * Another tab already holds each person's sync lock, so the SyncRuntime that SyncProvider starts
 * stays a follower: it neither pulls nor pushes during the measurements (there is no server).
 */
async function holdSyncLocks(users: readonly UserRow[]): Promise<void> {
  await Promise.all(
    users.map(
      (user) =>
        new Promise<void>((granted) => {
          void navigator.locks.request(`lastmile-sync-${user.id}`, () => {
            granted();
            return new Promise<void>(() => undefined);
          });
        }),
    ),
  );
}

async function measure(
  dbName: string,
  options: HomeOpenOptions,
  user: UserRow,
  selector: string,
  read: (db: AppDb) => Promise<JobRow[]>,
  expectedShown: (rows: JobRow[]) => number,
): Promise<ScreenSeries> {
  const series: ScreenSeries = { dom: [], layout: [], raw: [], rawRows: 0, shown: 0 };
  for (let i = 0; i < options.warmup + options.runs; i++) {
    // Alternate which goes first so drift (GC, caches) favours neither.
    const rawFirst = i % 2 === 0;
    const raw1 = rawFirst ? await timeRaw(dbName, read) : null;
    const screen = await openHome(dbName, user, selector);
    const raw = raw1 ?? (await timeRaw(dbName, read));
    const expected = expectedShown(raw.rows);
    if (screen.shown !== expected)
      throw new Error(`${user.role} screen shows ${screen.shown} jobs, expected ${expected}`);
    if (i < options.warmup) continue;
    series.dom.push(screen.dom);
    series.layout.push(screen.layout);
    series.raw.push(raw.ms);
    series.rawRows = raw.rows.length;
    series.shown = screen.shown;
  }
  return series;
}

/** Times `fn`'s steps: `lap(name)` closes the step that began at the previous lap. */
async function steps(into: StepSeries, fn: (lap: (name: string) => void) => Promise<unknown>): Promise<void> {
  let last = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    (into[name] ??= []).push(now - last);
    last = now;
  };
  await fn(lap);
}

/** First value of `querier` through Dexie's liveQuery, which is what useLiveQuery runs. */
function firstLive<T>(querier: () => Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const subscription = liveQuery(querier).subscribe({
      next: (value) => {
        resolve(value);
        queueMicrotask(() => subscription.unsubscribe());
      },
      error: reject,
    });
  });
}

type Lap = (name: string) => void;

/**
 * `runs` times, on a fresh connection: `querier` step by step (it calls `lap` after each step),
 * then `after` on its result, then the whole querier through liveQuery as useLiveQuery runs it.
 */
async function profile<T>(
  dbName: string,
  runs: number,
  querier: (db: AppDb, lap: Lap) => Promise<T>,
  after: (result: T, lap: Lap) => void,
): Promise<StepSeries> {
  const out: StepSeries = {};
  for (let i = 0; i < runs; i++) {
    const db = new AppDb(dbName);
    await db.open();
    try {
      await steps(out, async (lap) => after(await querier(db, lap), lap));
      await steps(out, async (lap) => {
        await firstLive(() => querier(db, () => undefined));
        lap('whole query through liveQuery');
      });
    } finally {
      db.close();
    }
  }
  return out;
}

/** The Today screen's query (technician-home.tsx useMyDay), step by step. */
function profileToday(dbName: string, runs: number, day: DayRange): Promise<StepSeries> {
  const window = todayWindow(day);
  return profile(
    dbName,
    runs,
    async (db, lap) => {
      const jobs = await db.jobs
        .where('[assigneeId+scheduledStart]')
        .between([TECH.id, Dexie.minKey], [TECH.id, window.end.toISOString()])
        .filter((job) => Date.parse(job.scheduledStart) >= window.start.getTime() || isOpenStatus(job.status))
        .toArray();
      lap('index read + filter');
      const views = await loadJobViews(db, jobs);
      lap('loadJobViews (customers, sites, types, users)');
      const groups = groupForToday(views, day);
      lap('groupForToday (sort)');
      return groups;
    },
    () => undefined,
  );
}

/** The board's query (lead-board.tsx useBoardData), step by step, then buildBoard + boardLoad as the screen runs them. */
function profileBoard(dbName: string, runs: number, days: readonly DayRange[]): Promise<StepSeries> {
  const range = { start: days[0]!.start, end: days[days.length - 1]!.end };
  return profile(
    dbName,
    runs,
    async (db, lap) => {
      const [jobs, members] = await Promise.all([
        rawBoard(db, range),
        db.users.where('teamId').equals(LEAD.teamId!).toArray(),
      ]);
      lap('index read (jobs + members)');
      const views = await loadJobViews(db, jobs);
      lap('loadJobViews (customers, sites, types, users)');
      return { views, members };
    },
    ({ views, members }, lap) => {
      buildBoard(views, members, days, days[0]!);
      boardLoad(
        views.map((v) => v.job),
        days[0]!,
      );
      lap('buildBoard + boardLoad');
    },
  );
}

async function run(options: HomeOpenOptions): Promise<HomeOpenResult> {
  const day = localDay(new Date());
  const jobs = makeJobs(options.jobs, day);
  const db = await freshDb();
  try {
    const fillStart = performance.now();
    await fill(db, jobs);
    const fillMs = performance.now() - fillStart;
    if ((await db.jobs.count()) !== jobs.length) throw new Error('the jobs did not all reach IndexedDB');
    db.close();
    await holdSyncLocks([TECH, LEAD]);

    // Today tab: today's jobs plus open ones carried over from earlier days.
    const today = !options.screens.includes('today')
      ? null
      : await measure(
          db.name,
          options,
          TECH,
          '.job-card',
          (d) => rawToday(d, day),
          (rows) =>
            groupForToday(
              rows.map((job) => ({ job })),
              day,
            ).today.length,
        );
    // The board shows one day on a phone, five on a desktop.
    const days = window.matchMedia('(min-width: 900px)').matches ? 5 : 1;
    const shownDays = Array.from({ length: days }, (_, i) =>
      localDay(new Date(day.start.getFullYear(), day.start.getMonth(), day.start.getDate() + i)),
    );
    const members = USERS.filter((u) => u.teamId === LEAD.teamId && (u.role === 'technician' || u.role === 'lead'));
    const board = !options.screens.includes('board')
      ? null
      : await measure(
          db.name,
          options,
          LEAD,
          '.board-job',
          (d) => rawBoard(d, { start: shownDays[0]!.start, end: shownDays[days - 1]!.end }),
          (rows) => {
            const built = buildBoard(
              rows.map((job) => ({ job })),
              members,
              shownDays,
              day,
            );
            return built.tray.length + built.rows.reduce((n, row) => n + row.cells.flat().length, 0);
          },
        );
    const profiled = {
      today: today ? await profileToday(db.name, options.runs, day) : null,
      board: board ? await profileBoard(db.name, options.runs, shownDays) : null,
    };
    return {
      today,
      board,
      steps: profiled,
      fill: {
        ms: fillMs,
        jobs: jobs.length,
        perTechnician: jobs.filter((j) => j.assigneeId === TECH.id).length,
        perTeam: jobs.filter((j) => j.teamId === LEAD.teamId).length,
      },
      viewport: `${window.innerWidth}×${window.innerHeight}`,
    };
  } finally {
    await drop(db);
  }
}

declare global {
  interface Window {
    lmHomeBench: { run: (options: HomeOpenOptions) => Promise<HomeOpenResult> };
  }
}
window.lmHomeBench = {
  run: (options) =>
    run(options).catch((error: unknown) => {
      throw describeError(error);
    }),
};
