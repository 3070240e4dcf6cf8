import { and, asc, desc, eq, inArray, max } from 'drizzle-orm';
import {
  AppError,
  ERROR_CODES,
  diffDefinitions,
  newId,
  parseDefinition,
  scope,
  templateDefinitionSchema,
  validateJobTypeRules,
  type DefinitionChange,
  type DefinitionIssue,
  type FormVersionRow,
  sameJobTypeRules,
  type JobTypeFormRulesInput,
  type JobTypeRow,
  type TemplateDefinition,
  sameJson,
} from '@lastmile/domain';
import type { AnyDb, AnyTx, ChangeRecorder } from '@lastmile/sync/server';
import { auditEvents, formTemplates, formTemplateVersions, jobTypes, users } from '../db/schema/index.ts';
import { toFormVersionRow } from './form-rows.ts';
import { toJobTypeRow } from './rows.ts';

/** A new template starts with one empty section: a draft is always a well-formed definition. */
export const EMPTY_DEFINITION: TemplateDefinition = templateDefinitionSchema.parse({
  sections: [{ key: 'section_1', title: 'Section 1', fields: [] }],
});

export type TemplateSummary = {
  id: string;
  name: string;
  latestVersion: number | null;
  hasDraftChanges: boolean;
  updatedAt: string;
};
export type TemplateDetail = {
  id: string;
  name: string;
  draft: TemplateDefinition;
  latestVersion: number | null;
  hasDraftChanges: boolean;
  updatedAt: string;
  /** What would stop the draft from being published now (empty: it can be published). */
  issues: DefinitionIssue[];
};

function shapeIssues(issues: DefinitionIssue[]): AppError {
  const first = issues[0];
  return new AppError(
    ERROR_CODES.validation,
    `Invalid template definition: ${first ? `${first.path}: ${first.message}` : 'invalid'}`,
    issues.map(({ path, message }) => ({ path, message })),
  );
}

/** Parses a definition's shape (zod); semantic problems are for publish, so a draft can be saved half-done. */
function draftDefinition(input: unknown): TemplateDefinition {
  const parsed = parseDefinition(input);
  if (!parsed.ok) throw shapeIssues(parsed.issues);
  return parsed.definition;
}

async function latestVersions(db: AnyDb | AnyTx, templateIds: string[]): Promise<Map<string, FormVersionRow>> {
  if (templateIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(formTemplateVersions)
    .where(inArray(formTemplateVersions.templateId, templateIds))
    .orderBy(asc(formTemplateVersions.templateId), desc(formTemplateVersions.version));
  const latest = new Map<string, FormVersionRow>();
  for (const row of rows) if (!latest.has(row.templateId)) latest.set(row.templateId, toFormVersionRow(row));
  return latest;
}

function draftDiffers(draft: unknown, latest: FormVersionRow | undefined): boolean {
  // Compared as values: jsonb hands keys back in its own order, so equal texts are not to be expected.
  return !latest || !sameJson(templateDefinitionSchema.parse(draft), templateDefinitionSchema.parse(latest.definition));
}

export async function listTemplates(db: AnyDb, orgId: string): Promise<TemplateSummary[]> {
  const rows = await db
    .select()
    .from(formTemplates)
    .where(eq(formTemplates.orgId, orgId))
    .orderBy(asc(formTemplates.name));
  const latest = await latestVersions(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    latestVersion: latest.get(r.id)?.version ?? null,
    hasDraftChanges: draftDiffers(r.draft, latest.get(r.id)),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

async function findTemplate(db: AnyDb | AnyTx, orgId: string, id: string, lock = false) {
  const query = db
    .select()
    .from(formTemplates)
    .where(and(eq(formTemplates.id, id), eq(formTemplates.orgId, orgId)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw new AppError(ERROR_CODES.notFound, 'No such form template in your organization.');
  return row;
}

export async function getTemplate(db: AnyDb | AnyTx, orgId: string, id: string): Promise<TemplateDetail> {
  const row = await findTemplate(db, orgId, id);
  const latest = (await latestVersions(db, [id])).get(id);
  const parsed = parseDefinition(row.draft);
  const draft = parsed.ok ? parsed.definition : EMPTY_DEFINITION;
  return {
    id: row.id,
    name: row.name,
    draft,
    latestVersion: latest?.version ?? null,
    hasDraftChanges: draftDiffers(draft, latest),
    updatedAt: row.updatedAt.toISOString(),
    issues: parsed.issues,
  };
}

export async function createTemplate(
  tx: AnyTx,
  input: { orgId: string; userId: string; name: string; definition?: unknown },
): Promise<TemplateDetail> {
  const draft = input.definition === undefined ? EMPTY_DEFINITION : draftDefinition(input.definition);
  const id = newId();
  await tx.insert(formTemplates).values({ id, orgId: input.orgId, name: input.name, draft, updatedBy: input.userId });
  return getTemplate(tx, input.orgId, id);
}

/**
 * Two people editing one template: the second save replaced the first person's draft unseen, and
 * a publish sent out a draft its publisher had never seen (found by an outsider tester). A caller
 * that says which save it last saw (`baseUpdatedAt`, the draft's `updatedAt`) is refused when the
 * draft was saved since; one that does not say keeps the last write winning.
 */
async function assertDraftSeen(
  tx: AnyTx,
  template: { name: string; updatedAt: Date; updatedBy: string | null },
  baseUpdatedAt: string | undefined,
  what: 'saved' | 'published',
): Promise<void> {
  if (baseUpdatedAt === undefined || Date.parse(baseUpdatedAt) === template.updatedAt.getTime()) return;
  const [by] = template.updatedBy
    ? await tx.select({ name: users.name }).from(users).where(eq(users.id, template.updatedBy))
    : [];
  const who = by?.name ?? 'Someone';
  throw new AppError(
    ERROR_CODES.conflict,
    `${who} saved "${template.name}" after you opened it, so your draft was not ${what}. Reload the template to see their changes.`,
    undefined,
    { key: what === 'saved' ? 'form.draftChangedSave' : 'form.draftChangedPublish', params: { name: who } },
  );
}

export async function saveDraft(
  tx: AnyTx,
  input: { orgId: string; userId: string; id: string; name: string; definition: unknown; baseUpdatedAt?: string },
): Promise<TemplateDetail> {
  const draft = draftDefinition(input.definition);
  const template = await findTemplate(tx, input.orgId, input.id, true);
  await assertDraftSeen(tx, template, input.baseUpdatedAt, 'saved');
  await tx
    .update(formTemplates)
    .set({ name: input.name, draft, updatedAt: new Date(), updatedBy: input.userId })
    .where(eq(formTemplates.id, input.id));
  return getTemplate(tx, input.orgId, input.id);
}

/**
 * Publishes the draft as the next immutable version, after validateDefinition and the rules of
 * every job type that uses the template (their key and required fields must still exist and be
 * able to show). Refuses with every problem, each with its path.
 */
export async function publishTemplate(
  tx: AnyTx,
  recorder: ChangeRecorder,
  input: { orgId: string; userId: string; id: string; baseUpdatedAt?: string },
): Promise<FormVersionRow> {
  const template = await findTemplate(tx, input.orgId, input.id, true);
  await assertDraftSeen(tx, template, input.baseUpdatedAt, 'published');
  const parsed = parseDefinition(template.draft);
  if (!parsed.ok) throw shapeIssues(parsed.issues);
  const issues = [...parsed.issues];
  const types = await tx
    .select()
    .from(jobTypes)
    .where(and(eq(jobTypes.orgId, input.orgId), eq(jobTypes.templateId, input.id)));
  for (const type of types) {
    const ruleIssues = validateJobTypeRules(parsed.definition, {
      keyFields: type.keyFields,
      requiredFields: type.requiredFields,
    }).filter(
      (i) =>
        i.path.startsWith('keyFields') || i.path === 'requiredFields' || i.message.includes('required by the job type'),
    );
    for (const issue of ruleIssues)
      issues.push({
        ...issue,
        path: `jobTypes.${type.id}.${issue.path}`,
        message: `Job type "${type.name}": ${issue.message}`,
      });
  }
  if (issues.length) {
    throw new AppError(
      ERROR_CODES.validation,
      `"${template.name}" cannot be published (${issues.length} ${issues.length === 1 ? 'problem' : 'problems'}): ${issues.map((i) => i.message).join(' ')}`,
      issues.map(({ path, message }) => ({ path, message })),
    );
  }
  const [current] = await tx
    .select({ version: max(formTemplateVersions.version) })
    .from(formTemplateVersions)
    .where(eq(formTemplateVersions.templateId, input.id));
  const [row] = await tx
    .insert(formTemplateVersions)
    .values({
      id: newId(),
      templateId: input.id,
      orgId: input.orgId,
      version: (current?.version ?? 0) + 1,
      name: template.name,
      definition: parsed.definition,
      publishedBy: input.userId,
      publishedAt: new Date(),
    })
    .returning();
  if (!row) throw new Error('insert into form_template_versions returned no row');
  const version = toFormVersionRow(row);
  recorder.put('formVersions', version, [scope.ref(input.orgId)]);
  return version;
}

export type VersionSummary = {
  id: string;
  version: number;
  name: string;
  publishedBy: string;
  publishedByName: string | null;
  publishedAt: string;
  changes: string[];
};

/** Who published what and when, newest first, each with what changed against the version before. */
export async function listVersions(db: AnyDb, orgId: string, templateId: string): Promise<VersionSummary[]> {
  await findTemplate(db, orgId, templateId);
  const rows = await db
    .select({ version: formTemplateVersions, publishedByName: users.name })
    .from(formTemplateVersions)
    .leftJoin(users, eq(users.id, formTemplateVersions.publishedBy))
    .where(and(eq(formTemplateVersions.templateId, templateId), eq(formTemplateVersions.orgId, orgId)))
    .orderBy(asc(formTemplateVersions.version));
  const out: VersionSummary[] = [];
  let previous: TemplateDefinition | null = null;
  for (const { version, publishedByName } of rows) {
    out.push({
      id: version.id,
      version: version.version,
      name: version.name,
      publishedBy: version.publishedBy,
      publishedByName,
      publishedAt: version.publishedAt.toISOString(),
      changes: previous ? diffDefinitions(previous, version.definition).map((c) => c.summary) : ['First version'],
    });
    previous = version.definition;
  }
  return out.reverse();
}

export async function diffVersions(
  db: AnyDb,
  orgId: string,
  templateId: string,
  a: number,
  b: number,
): Promise<{ from: number; to: number; changes: DefinitionChange[] }> {
  await findTemplate(db, orgId, templateId);
  const rows = await db
    .select()
    .from(formTemplateVersions)
    .where(and(eq(formTemplateVersions.templateId, templateId), inArray(formTemplateVersions.version, [a, b])));
  const find = (n: number) => {
    const row = rows.find((r) => r.version === n);
    if (!row) throw new AppError(ERROR_CODES.notFound, `This template has no version ${n}.`);
    return row.definition;
  };
  return { from: a, to: b, changes: diffDefinitions(find(a), find(b)) };
}

export const TEMPLATE_EXPORT_FORMAT = 'lastmile.form-template' as const;

export async function exportTemplate(db: AnyDb, orgId: string, id: string) {
  const template = await getTemplate(db, orgId, id);
  return {
    format: TEMPLATE_EXPORT_FORMAT,
    formatVersion: 1 as const,
    name: template.name,
    definition: template.draft,
    exportedAt: new Date().toISOString(),
  };
}

/**
 * Sets a job type's form: template, 1–3 key fields, required fields, checked against the
 * template's latest published version (what technicians fill).
 */
/**
 * Two office people setting one job type's rules (each template's editor lists every job type):
 * the second save replaced the first one's rules unseen — or moved the job type back to the
 * template the second editor was looking at. A save that says which rules it opened (`base`) is
 * refused when they changed since, unless it sets what is there now; one that does not say keeps
 * the last write winning. Named: whoever last wrote the job type (the audit trail, ADR 0022).
 */
async function assertRulesSeen(
  tx: AnyTx,
  type: typeof jobTypes.$inferSelect,
  input: JobTypeFormRulesInput & { orgId: string },
): Promise<void> {
  const current = { templateId: type.templateId, keyFields: type.keyFields, requiredFields: type.requiredFields };
  if (!input.base || sameJobTypeRules(current, input.base) || sameJobTypeRules(current, input)) return;
  const [by] = await tx
    .select({ name: users.name })
    .from(auditEvents)
    .innerJoin(users, eq(users.id, auditEvents.userId))
    .where(
      and(eq(auditEvents.orgId, input.orgId), eq(auditEvents.entity, 'job-types'), eq(auditEvents.entityId, type.id)),
    )
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  const who = by?.name ?? 'Someone';
  throw new AppError(
    ERROR_CODES.conflict,
    `${who} changed the form rules of "${type.name}" after you opened them, so yours were not saved. The editor now shows theirs.`,
    undefined,
    { key: 'jobType.rulesChanged', params: { name: who, jobType: type.name } },
  );
}

export async function setJobTypeFormRules(
  tx: AnyTx,
  recorder: ChangeRecorder,
  input: JobTypeFormRulesInput & { orgId: string; jobTypeId: string },
): Promise<JobTypeRow> {
  const [type] = await tx
    .select()
    .from(jobTypes)
    .where(and(eq(jobTypes.id, input.jobTypeId), eq(jobTypes.orgId, input.orgId)))
    .for('update');
  if (!type) throw new AppError(ERROR_CODES.notFound, 'No such job type in your organization.');
  await assertRulesSeen(tx, type, input);
  if (input.templateId !== null) {
    const template = await findTemplate(tx, input.orgId, input.templateId);
    const latest = (await latestVersions(tx, [template.id])).get(template.id);
    if (!latest)
      throw new AppError(
        ERROR_CODES.conflict,
        `Publish "${template.name}" before giving it to a job type: technicians fill published versions only.`,
      );
    const issues = validateJobTypeRules(latest.definition, input);
    if (issues.length) {
      throw new AppError(
        ERROR_CODES.validation,
        `These rules do not fit version ${latest.version} of "${template.name}": ${issues.map((i) => i.message).join(' ')}`,
        issues.map(({ path, message }) => ({ path, message })),
      );
    }
  }
  const [updated] = await tx
    .update(jobTypes)
    .set({ templateId: input.templateId, keyFields: input.keyFields, requiredFields: input.requiredFields })
    .where(eq(jobTypes.id, type.id))
    .returning();
  if (!updated) throw new Error('update of job_types returned no row');
  const row = toJobTypeRow(updated);
  recorder.put('jobTypes', row, [scope.ref(input.orgId)]);
  return row;
}
