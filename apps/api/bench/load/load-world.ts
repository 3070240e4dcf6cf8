/**
 * The load benchmark's organization: TEAMS teams of technicians, each technician with their own
 * jobs, written through the app's services (people, teams) and in bulk (jobs, with the change-log
 * rows `createJob` records), plus a signed-in session per technician made the way sign-in makes it
 * (sign-in over HTTP would meet the per-address password limit 200 times over).
 */
import { eq } from 'drizzle-orm';
import { newId, scopesForActor, workScopes, type Actor } from '@lastmile/domain';
import { writeInOrg, type AnyDb } from '@lastmile/sync/server';
import { createSession } from '../../src/auth/sessions.ts';
import { jobs } from '../../src/db/schema/index.ts';
import { createTeam } from '../../src/services/create-team.ts';
import { createUser } from '../../src/services/create-user.ts';
import { toJobRow } from '../../src/services/rows.ts';
import { buildWorld } from '../../src/sync/test-world.ts';

export type LoadDevice = {
  actor: Actor;
  /** Scopes of the technician, for the raw-SQL baseline's pull. */
  scopes: string[];
  jobIds: string[];
  cookie: string;
  csrf: string;
};

export type LoadWorld = { orgId: string; devices: LoadDevice[] };

export async function buildLoadWorld(
  db: AnyDb,
  { teams, perTeam, jobsPerTech }: { teams: number; perTeam: number; jobsPerTech: number },
): Promise<LoadWorld> {
  const world = await buildWorld(db, { jobCount: 2 });
  const [template] = await db.select().from(jobs).where(eq(jobs.id, world.jobIds[1]!));
  if (!template) throw new Error('world has no job to copy');
  const actors = await writeInOrg(db, world.orgId, async (tx, rec) => {
    const made: Actor[] = [];
    for (let t = 0; t < teams; t++) {
      const team = await createTeam(tx, rec, { orgId: world.orgId, name: `Load team ${t + 1}` });
      for (let p = 0; p < perTeam; p++) {
        const user = await createUser(tx, rec, {
          orgId: world.orgId,
          teamId: team.id,
          name: `Tech ${t + 1}.${p + 1}`,
          email: `load-${newId()}@bench.lastmile.app`,
          role: 'technician',
          passwordHash: 'not-for-sign-in',
        });
        made.push({ userId: user.id, orgId: world.orgId, role: 'technician', teamId: team.id });
      }
    }
    return made;
  });
  const devices: LoadDevice[] = [];
  let number = 0;
  for (const actor of actors) {
    const jobIds = await writeInOrg(db, world.orgId, async (tx, rec) => {
      const values = Array.from({ length: jobsPerTech }, () => ({
        ...template,
        id: newId(),
        number: `L-${String(number++).padStart(6, '0')}`,
        title: `Load job ${number}`,
        assigneeId: actor.userId,
        teamId: actor.teamId,
        externalRef: null,
      }));
      const rows = await tx.insert(jobs).values(values).returning();
      for (const row of rows) {
        rec.put('jobs', toJobRow(row), workScopes({ orgId: row.orgId, teamId: row.teamId, userIds: [row.assigneeId] }));
      }
      return rows.map((r) => r.id);
    });
    const session = await createSession(db, {
      userId: actor.userId,
      orgId: actor.orgId,
      ttlDays: 30,
      userAgent: 'lastmile-load-bench',
    });
    devices.push({
      actor,
      scopes: scopesForActor(actor),
      jobIds,
      cookie: `lm_session=${session.token}`,
      csrf: session.csrfToken,
    });
  }
  return { orgId: world.orgId, devices };
}
