import type { AnswerValue, Answers, GroupEntry } from './answers.ts';
import { answerProblem } from './answers.ts';
import { TIME_PATTERN, type Condition, type Field, type TemplateDefinition } from './definition.ts';
import { indexDefinition, type IndexedField } from './field-index.ts';
import { entryFieldKey, evaluateVisibility, matchesVisibility } from './visibility.ts';

export type Reachability =
  { status: 'reachable'; answers: Answers } | { status: 'unreachable' } | { status: 'unknown' };

/** A placeholder attachment id for photo and signature answers in witnesses. */
const SAMPLE_ID = '00000000-0000-4000-8000-000000000000';
const MAX_LEAVES = 20_000;
/**
 * The work all searches of one definition may do together, in condition tests (each leaf
 * evaluates every condition of the definition). Validation searches once per required field and
 * again while explaining each unreachable one: a 200-field chain of conditions took 28 s and a
 * larger one minutes, every save and every read of the template blocking the API process (found
 * by an outsider tester). Past the budget a search says `unknown`, which callers take as "can be
 * shown": a template too tangled to check is not refused for it.
 */
const WORK_PER_DEFINITION = 20_000_000;
const CONE_FIELD_WORK = 25;

/** What one definition's searches share: their results, the work left, each field's conditions on it. */
type Searches = {
  results: Map<string, Reachability>;
  workLeft: number;
  /** The definition's size in fields and conditions: what evaluating its visibility once costs. */
  size: number;
  conditionsOn: Map<string, Condition[]>;
};
/** Validation asks about one key again while explaining others: each definition's searches so far. */
const searches = new WeakMap<TemplateDefinition, Searches>();

function searchesOf(definition: TemplateDefinition): Searches {
  const known = searches.get(definition);
  if (known) return known;
  const conditionsOn = new Map<string, Condition[]>();
  let size = 1;
  const add = (visibility: { conditions: Condition[] } | null) => {
    size += 1;
    for (const c of visibility?.conditions ?? []) {
      size += 1;
      const on = conditionsOn.get(c.field);
      if (on) on.push(c);
      else conditionsOn.set(c.field, [c]);
    }
  };
  for (const section of definition.sections) {
    add(section.visibleWhen);
    for (const field of section.fields) {
      add(field.visibleWhen);
      if (field.type === 'group') for (const child of field.fields) add(child.visibleWhen);
    }
  }
  const created = { results: new Map<string, Reachability>(), workLeft: WORK_PER_DEFINITION, size, conditionsOn };
  searches.set(definition, created);
  return created;
}

/** Takes `work` from the definition's budget; throws (the search says `unknown`) when it is spent. */
function spend(memo: Searches, work: number): void {
  memo.workLeft -= work;
  if (memo.workLeft < 0) throw new Error('budget');
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function shiftDate(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function shiftTime(time: string, seconds: number): string | null {
  const [h = 0, m = 0, s = 0] = time.split(':').map(Number);
  const total = h * 3600 + m * 60 + s + seconds;
  if (total < 0 || total >= 24 * 3600) return null;
  const hh = Math.floor(total / 3600);
  const mm = Math.floor((total % 3600) / 60);
  const ss = total % 60;
  return ss === 0 ? `${pad(hh)}:${pad(mm)}` : `${pad(hh)}:${pad(mm)}:${pad(ss)}`;
}

function subsets<T>(items: T[]): T[][] {
  const out: T[][] = [[]];
  for (const item of items) for (const s of [...out]) out.push([...s, item]);
  return out;
}

function targets(conditions: Condition[]): unknown[] {
  return conditions.flatMap((c) => (Array.isArray(c.value) ? c.value : c.value === undefined ? [] : [c.value]));
}

/**
 * Answers that stand for every distinct outcome the given conditions can have on this field:
 * for each region of values the conditions cannot tell apart, one valid value, if there is one.
 * Unanswered is not listed: the search always tries it too.
 */
export function candidateValues(field: Field, conditions: Condition[]): AnswerValue[] {
  const valid = (v: AnswerValue) => answerProblem(field, v) === null;
  const dedupe = (values: AnswerValue[]) => [
    ...new Map(values.filter(valid).map((v) => [JSON.stringify(v), v])).values(),
  ];
  const mentioned = targets(conditions);
  switch (field.type) {
    case 'instructions':
      return [];
    case 'shortText':
    case 'longText': {
      const strings = mentioned.filter((v): v is string => typeof v === 'string');
      let fresh = 'answer';
      while (strings.includes(fresh)) fresh += '_';
      return dedupe([...strings, fresh]);
    }
    case 'passFail':
      return ['pass', 'fail', 'na'];
    case 'yesNo':
      return [true, false];
    case 'singleChoice':
      return field.choices.map((c) => c.value);
    case 'multipleChoice': {
      const values = field.choices.map((c) => c.value);
      const named = values.filter((v) => mentioned.includes(v)).slice(0, 8);
      const other = values.find((v) => !named.includes(v));
      return dedupe(subsets(named).map((s) => (s.length ? s : other ? [other] : [])));
    }
    case 'number': {
      const scale = 10 ** field.decimals;
      const fix = (n: number) => Number(n.toFixed(field.decimals));
      const up = (t: number) => fix((Math.floor(t * scale + 1e-9) + 1) / scale);
      const down = (t: number) => fix((Math.ceil(t * scale - 1e-9) - 1) / scale);
      const numbers = mentioned.filter((v): v is number => typeof v === 'number');
      const out: number[] = [0];
      if (field.min !== null) out.push(fix(Math.ceil(field.min * scale - 1e-9) / scale));
      if (field.max !== null) out.push(fix(Math.floor(field.max * scale + 1e-9) / scale));
      for (const t of numbers) out.push(t, up(t), down(t));
      return dedupe(out);
    }
    case 'date': {
      const dates = mentioned.filter(
        (v): v is string =>
          typeof v === 'string' && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && /^\d{4}-\d{2}-\d{2}$/.test(v),
      );
      return dedupe(['2026-01-15', ...dates.flatMap((d) => [d, shiftDate(d, 1), shiftDate(d, -1)])]);
    }
    case 'time': {
      const times = mentioned.filter((v): v is string => typeof v === 'string' && TIME_PATTERN.test(v));
      const shifted = times.flatMap((t) => [t, shiftTime(t, 60), shiftTime(t, -60), shiftTime(t, 1), shiftTime(t, -1)]);
      return dedupe(['12:00', ...shifted.filter((t): t is string => t !== null)]);
    }
    case 'photos':
      return [[SAMPLE_ID]];
    case 'signature':
      return [SAMPLE_ID];
    case 'group':
      return [[{}]];
  }
}

/** Every field the visibility of `key` can depend on, directly or through other conditions, in reading order. */
function dependencyCone(
  definition: TemplateDefinition,
  start: IndexedField[],
  sectionKeys: string[],
  memo: Searches,
): IndexedField[] {
  const index = indexDefinition(definition);
  const seen = new Set<string>();
  const out: IndexedField[] = [];
  const queue: string[] = [];
  const visitSection = (key: string) => {
    const section = index.sectionByKey.get(key)?.section;
    for (const c of section?.visibleWhen?.conditions ?? []) queue.push(c.field);
  };
  const visitField = (entry: IndexedField) => {
    for (const c of entry.field.visibleWhen?.conditions ?? []) queue.push(c.field);
    visitSection(entry.section.key);
    if (entry.group) queue.push(entry.group.key);
  };
  for (const key of sectionKeys) visitSection(key);
  for (const entry of start) visitField(entry);
  while (queue.length) {
    const key = queue.pop() as string;
    if (seen.has(key)) continue;
    seen.add(key);
    const entry = index.byKey.get(key);
    if (!entry) continue;
    // The cone and its candidates cost about as much per field as a few dozen condition tests.
    spend(memo, CONE_FIELD_WORK);
    out.push(entry);
    visitField(entry);
  }
  return out.sort((a, b) => a.order - b.order);
}

/**
 * Can this section or field ever be shown, and by which answers? An exhaustive search over the
 * fields its visibility depends on, one representative value per distinguishable outcome
 * (candidateValues), each candidate set checked with the real evaluateVisibility. A group child
 * counts as shown when it shows in the group's first entry. `unknown` when the search is too
 * large (it never is for templates people write; callers then assume it can be shown).
 */
export function findRevealingAnswers(definition: TemplateDefinition, key: string): Reachability {
  const memo = searchesOf(definition);
  const known = memo.results.get(key);
  if (known) return known;
  let found: Reachability;
  try {
    found = search(definition, key, memo);
  } catch {
    found = { status: 'unknown' };
  }
  memo.results.set(key, found);
  return found;
}

function search(definition: TemplateDefinition, key: string, memo: Searches): Reachability {
  const index = indexDefinition(definition);
  const targetField = index.byKey.get(key);
  const targetSection = targetField ? undefined : index.sectionByKey.get(key);
  if (!targetField && !targetSection) return { status: 'unreachable' };
  const cone = dependencyCone(
    definition,
    targetField ? [targetField] : [],
    targetSection ? [targetSection.key] : [],
    memo,
  );
  const targetKey = targetField?.group ? entryFieldKey(targetField.group.key, 0, targetField.key) : key;
  const forcedGroup = targetField?.group?.key;
  spend(memo, memo.size);
  const candidates = new Map(cone.map((e) => [e.key, candidateValues(e.field, memo.conditionsOn.get(e.key) ?? [])]));

  const top = new Map<string, unknown>();
  const entry = new Map<string, unknown>();
  let leaves = 0;

  const visibleNow = (e: IndexedField): boolean => {
    const valueOf = (k: string) => top.get(k);
    if (!matchesVisibility(e.section.visibleWhen, valueOf)) return false;
    if (!e.group) return matchesVisibility(e.field.visibleWhen, valueOf);
    if (!top.has(e.group.key) || top.get(e.group.key) === undefined) return false;
    return matchesVisibility(e.field.visibleWhen, (k) => (entry.has(k) ? entry.get(k) : top.get(k)));
  };

  const build = (): Answers => {
    const answers: Record<string, AnswerValue | null> = {};
    for (const e of cone) {
      if (e.group) continue;
      const value = top.get(e.key);
      if (value === undefined) continue;
      if (e.field.type === 'group') {
        const first: GroupEntry = {};
        for (const child of e.field.fields) {
          const v = entry.get(child.key);
          if (v !== undefined) first[child.key] = v as GroupEntry[string];
        }
        answers[e.key] = [first];
      } else answers[e.key] = value as AnswerValue;
    }
    if (forcedGroup && answers[forcedGroup] === undefined) answers[forcedGroup] = [{}];
    return answers;
  };

  const explore = (i: number): Answers | null => {
    if (i === cone.length) {
      if (++leaves > MAX_LEAVES) throw new Error('budget');
      spend(memo, memo.size);
      const answers = build();
      return evaluateVisibility(definition, answers).has(targetKey) ? answers : null;
    }
    const e = cone[i] as IndexedField;
    const store = e.group ? entry : top;
    const options: unknown[] = visibleNow(e) ? [...(candidates.get(e.key) ?? []), undefined] : [undefined];
    if (e.key === forcedGroup) options.splice(options.indexOf(undefined), 1);
    for (const value of options) {
      store.set(e.key, value);
      const found = explore(i + 1);
      if (found) return found;
    }
    store.delete(e.key);
    return null;
  };

  const answers = explore(0);
  return answers ? { status: 'reachable', answers } : { status: 'unreachable' };
}
