import { sql } from 'drizzle-orm';
import { FIELD_TYPES, indexDefinition, type FieldSignal, type TemplateDefinition } from '@lastmile/domain';
import { queryRows, type DbOrTx } from '@lastmile/sync/server';
import type { DriftScope } from './drift-scope.ts';

const TOP = 10;

type Version = { id: string; template_id: string; version: number; name: string; definition: TemplateDefinition };

/** The versions' definitions and their templates' names, to turn field keys into labels. */
async function versionsById(db: DbOrTx, ids: string[]): Promise<Map<string, Version>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<Version>(
    db,
    sql`select v.id, v.template_id, v.version, t.name, v.definition
        from form_template_versions v join form_templates t on t.id = v.template_id
        where v.id in (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** Adds up per (template, field) across versions; the newest version's label names the field. */
function collect(
  entries: { versionId: string; fieldKey: string; count: number; of: number | null }[],
  versions: Map<string, Version>,
): FieldSignal[] {
  const out = new Map<string, FieldSignal & { version: number }>();
  for (const e of entries) {
    const v = versions.get(e.versionId);
    if (!v) continue;
    const label = indexDefinition(v.definition).byKey.get(e.fieldKey)?.field.label ?? e.fieldKey;
    const key = `${v.template_id}:${e.fieldKey}`;
    const seen = out.get(key);
    if (!seen) {
      out.set(key, {
        templateId: v.template_id,
        templateName: v.name,
        fieldKey: e.fieldKey,
        fieldLabel: label,
        count: e.count,
        of: e.of,
        version: v.version,
      });
      continue;
    }
    seen.count += e.count;
    if (e.of !== null) seen.of = (seen.of ?? 0) + e.of;
    if (v.version > seen.version) Object.assign(seen, { fieldLabel: label, version: v.version });
  }
  return [...out.values()].map(({ version: _version, ...signal }) => signal);
}

/** Fields reviewers commented on when sending a job back, most often first. */
export async function commentedFields(db: DbOrTx, scope: DriftScope): Promise<FieldSignal[]> {
  const rows = await queryRows<{ version_id: string; field_key: string; count: number }>(
    db,
    sql`select resp.template_version_id as version_id, fc->>'fieldKey' as field_key, count(*)::int as count
        from jobs
        join review_rounds r on r.job_id = jobs.id and r.decision = 'sent_back'
        cross join lateral jsonb_array_elements(r.field_comments) fc
        join form_responses resp on resp.id = (fc->>'responseId')::uuid
        where ${scope.jobsWhere}
        group by 1, 2`,
  );
  const versions = await versionsById(db, [...new Set(rows.map((r) => r.version_id))]);
  const signals = collect(
    rows.map((r) => ({ versionId: r.version_id, fieldKey: r.field_key, count: r.count, of: null })),
    versions,
  );
  return signals.sort((a, b) => b.count - a.count || a.fieldLabel.localeCompare(b.fieldLabel)).slice(0, TOP);
}

/**
 * An answer that says nothing: empty text or list, or N/A (the Pass/Fail/N/A choice, or "n/a",
 * "na", "-", "none" typed into a text field).
 */
const EMPTY_ANSWER = sql`(a.value is null or a.value = 'null'::jsonb or a.value = '[]'::jsonb
  or (jsonb_typeof(a.value) = 'string' and lower(trim(a.value #>> '{}')) in ('', 'n/a', 'na', '-', 'none')))`;

/** Field types a person answers (instructions are text to read; a group's entries are counted as the group). */
const ANSWERABLE: ReadonlySet<string> = new Set(FIELD_TYPES.filter((type) => type !== 'instructions'));

/**
 * Fields left empty or answered N/A on submitted forms, highest rate first. A field never answered
 * counts as empty when it is always shown; a field shown only under a condition counts only when
 * it was answered empty (the report does not re-run every form's conditions).
 */
export async function skippedFields(db: DbOrTx, scope: DriftScope): Promise<FieldSignal[]> {
  const responses = await queryRows<{ version_id: string; forms: number }>(
    db,
    sql`select resp.template_version_id as version_id, count(*)::int as forms
        from jobs join form_responses resp on resp.job_id = jobs.id and resp.status = 'submitted'
        where ${scope.jobsWhere}
        group by 1`,
  );
  const answers = await queryRows<{ version_id: string; field_key: string; rows: number; empty: number }>(
    db,
    sql`select resp.template_version_id as version_id, a.field_key, count(*)::int as rows,
          count(*) filter (where ${EMPTY_ANSWER})::int as empty
        from jobs
        join form_responses resp on resp.job_id = jobs.id and resp.status = 'submitted'
        join form_answers a on a.response_id = resp.id
        where ${scope.jobsWhere}
        group by 1, 2`,
  );
  const versions = await versionsById(
    db,
    responses.map((r) => r.version_id),
  );
  const answered = new Map(answers.map((a) => [`${a.version_id}:${a.field_key}`, a]));
  const entries: { versionId: string; fieldKey: string; count: number; of: number | null }[] = [];
  for (const { version_id: versionId, forms } of responses) {
    const version = versions.get(versionId);
    if (!version) continue;
    for (const { key, field, group } of indexDefinition(version.definition).fields) {
      if (group !== null || !ANSWERABLE.has(field.type)) continue;
      const seen = answered.get(`${versionId}:${key}`);
      const never = forms - (seen?.rows ?? 0);
      const empty = (seen?.empty ?? 0) + (field.visibleWhen === null ? never : 0);
      const of = field.visibleWhen === null ? forms : (seen?.rows ?? 0);
      entries.push({ versionId, fieldKey: key, count: empty, of });
    }
  }
  return collect(entries, versions)
    .filter((s) => s.count > 0 && (s.of ?? 0) > 0)
    .sort((a, b) => b.count / (b.of ?? 1) - a.count / (a.of ?? 1) || b.count - a.count)
    .slice(0, TOP);
}
