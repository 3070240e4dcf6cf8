import { indexDefinition, type TemplateDefinition } from '@lastmile/domain';
import type { AppDb } from '../local-db/app-db.ts';
import type { ChangeLookup } from './describe-change.ts';

type Change = { name: string; args: unknown };

const str = (args: unknown, key: string): string | null => {
  const value = args && typeof args === 'object' ? (args as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? value : null;
};

const present = <T>(rows: (T | undefined)[]): T[] => rows.filter((r): r is T => r !== undefined);

/**
 * Reads, in a few bulk gets, the rows that put the listed changes into words: their jobs, form
 * responses and versions, outstanding items and people. A form started by a change that was
 * refused (or is still queued) has no response row; its `startForm` args stand in for it.
 */
export async function loadChangeLookup(db: AppDb, changes: readonly Change[]): Promise<ChangeLookup> {
  const started = new Map<string, { jobId: string; templateVersionId: string }>();
  for (const c of changes) {
    const [id, jobId, templateVersionId] = [str(c.args, 'id'), str(c.args, 'jobId'), str(c.args, 'templateVersionId')];
    if (c.name === 'startForm' && id && jobId && templateVersionId) started.set(id, { jobId, templateVersionId });
  }
  const responseIds = [...new Set(changes.map((c) => str(c.args, 'responseId')).filter((id) => id !== null))];
  const responses = new Map<string, { jobId: string; templateVersionId: string }>(started);
  for (const r of present(await db.formResponses.bulkGet(responseIds))) responses.set(r.id, r);

  const versionIds = [...new Set([...responses.values()].map((r) => r.templateVersionId))];
  const definitions = new Map<string, TemplateDefinition>(
    present(await db.formVersions.bulkGet(versionIds)).map((v) => [v.id, v.definition]),
  );

  const itemIds = changes.filter((c) => c.name === 'updateOutstandingItem').map((c) => str(c.args, 'id'));
  const items = new Map(
    present(await db.outstandingItems.bulkGet(itemIds.filter((id) => id !== null))).map((i) => [i.id, i]),
  );

  const jobIds = new Set<string>();
  for (const c of changes) {
    const id = c.name === 'createJob' ? str(c.args, 'id') : str(c.args, 'jobId');
    if (id) jobIds.add(id);
  }
  for (const r of responses.values()) jobIds.add(r.jobId);
  for (const i of items.values()) if (i.jobId) jobIds.add(i.jobId);
  const jobs = new Map(present(await db.jobs.bulkGet([...jobIds])).map((j) => [j.id, j.number]));

  const personIds = changes.map((c) => str(c.args, 'assigneeId')).filter((id) => id !== null);
  const people = new Map(present(await db.users.bulkGet([...new Set(personIds)])).map((u) => [u.id, u.name]));

  return {
    jobNumber: (id) => jobs.get(id),
    response: (id) => responses.get(id),
    fieldLabel: (versionId, key) => {
      const definition = definitions.get(versionId);
      return definition ? indexDefinition(definition).byKey.get(key)?.field.label : undefined;
    },
    personName: (id) => people.get(id),
    item: (id) => {
      const item = items.get(id);
      return item ? { title: item.title, jobId: item.jobId } : undefined;
    },
  };
}
