/**
 * Runs inside Chromium (bundled by ../forms.bench.ts): the app's FormView (the same component
 * the phone and the builder's preview render) with a 150-field template and 20 conditions,
 * all sections open (worst case). Measures the first render and each keystroke from the input
 * event to the committed DOM with layout done, and two baselines in the same page.
 */
import { evaluateVisibility, type Field, type TemplateDefinition } from '@lastmile/domain';
import { useCallback, useState } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import type { Answers, AnswerValue } from '../../src/features/forms/fill/answers.ts';
import { FormView } from '../../src/features/forms/fill/form-view.tsx';

export type FormsBenchOptions = { keystrokes: number; rounds: number };
export type FormsBenchResult = {
  fields: number;
  conditions: number;
  render: { conditional: number[]; plain: number[]; folded: number[] };
  keystroke: { conditional: number[]; plain: number[]; evaluateOnly: number[] };
  /** Fields rendered after the last keystroke of the first round (fewer than `fields` while conditions hide some). */
  shownAtEnd: number;
};

const base = { help: '', required: false, visibleWhen: null } as const;

/** 10 sections × 15 fields; every 7th-or-so field carries a condition on an earlier driver field. */
export function makeDefinition(withConditions: boolean): TemplateDefinition {
  const sections: TemplateDefinition['sections'] = [];
  let conditions = 0;
  for (let s = 0; s < 10; s++) {
    const fields: Field[] = [];
    for (let f = 0; f < 15; f++) {
      const n = s * 15 + f;
      const key = `f${n}`;
      const label = `Question ${n + 1}`;
      let field: Field;
      if (n === 0) field = { ...base, key: 'driver_text', label: 'Observation', type: 'shortText' };
      else if (n === 1)
        field = {
          ...base,
          key: 'driver_number',
          label: 'Pressure',
          type: 'number',
          unit: 'bar',
          min: 0,
          max: 100,
          decimals: 0,
        };
      else if (n % 5 === 2) field = { ...base, key, label, type: 'passFail' };
      else if (n % 5 === 3)
        field = { ...base, key, label, type: 'number', unit: '°C', min: -50, max: 150, decimals: 1 };
      else if (n % 5 === 4)
        field = {
          ...base,
          key,
          label,
          type: 'singleChoice',
          choices: [
            { value: 'a', label: 'Good' },
            { value: 'b', label: 'Worn' },
            { value: 'c', label: 'Replace' },
          ],
        };
      else field = { ...base, key, label, type: 'shortText' };
      if (withConditions && n > 1 && n % 7 === 0 && conditions < 20) {
        conditions++;
        field = {
          ...field,
          visibleWhen:
            conditions % 2 === 0
              ? { match: 'all', conditions: [{ field: 'driver_text', op: 'answered' }] }
              : {
                  match: 'any',
                  conditions: [
                    { field: 'driver_number', op: 'greaterThan', value: 50 },
                    { field: 'driver_text', op: 'equals', value: 'leak' },
                  ],
                },
        };
      }
      fields.push(field);
    }
    sections.push({ key: `s${s}`, title: `Section ${s + 1}`, visibleWhen: null, fields });
  }
  return { sections };
}

export function countConditions(definition: TemplateDefinition): number {
  return definition.sections.flatMap((s) => s.fields).filter((f) => f.visibleWhen).length;
}

const NONE: readonly string[] = [];
const NO_REQUIRED = new Set<string>();
const EMPTY = {};

function Harness({ definition, open }: { definition: TemplateDefinition; open: boolean }) {
  const [answers, setAnswers] = useState<Answers>({});
  const onChange = useCallback(
    (key: string, value: AnswerValue | null) => setAnswers((a) => ({ ...a, [key]: value })),
    [],
  );
  return (
    <FormView
      definition={definition}
      answers={answers}
      metas={EMPTY}
      onChange={onChange}
      keyFields={NONE}
      requiredKeys={NO_REQUIRED}
      readOnly={false}
      errors={EMPTY}
      startOpen={open}
    />
  );
}

/** Sets an input's value the way typing does, so React's change tracking sees a change. */
function typeInto(input: HTMLInputElement, value: string): void {
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

/** The value typed at keystroke i: text grows and is cleared every 10th stroke; the number crosses 50. */
function stroke(i: number): { id: string; value: string } {
  if (i % 2 === 0) {
    const k = (i / 2) % 10;
    return { id: 'f-driver_text', value: k === 9 ? '' : 'leak check'.slice(0, k + 1) };
  }
  return { id: 'f-driver_number', value: String(((i * 13) % 100) + 1) };
}

async function mount(
  container: HTMLElement,
  definition: TemplateDefinition,
  open = true,
): Promise<{ root: Root; ms: number }> {
  const root = createRoot(container);
  const t0 = performance.now();
  flushSync(() => root.render(<Harness definition={definition} open={open} />));
  void container.offsetHeight; // layout included
  const ms = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 0));
  return { root, ms };
}

async function typeAll(container: HTMLElement, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const { id, value } = stroke(i);
    const input = document.getElementById(id) as HTMLInputElement;
    const t0 = performance.now();
    typeInto(input, value);
    // React flushes a discrete event's update in a microtask queued before this one.
    await Promise.resolve();
    void container.offsetHeight;
    times.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 0));
  }
  return times;
}

async function run(options: FormsBenchOptions): Promise<FormsBenchResult> {
  const conditional = makeDefinition(true);
  const plain = makeDefinition(false);
  const result: FormsBenchResult = {
    fields: conditional.sections.reduce((n, s) => n + s.fields.length, 0),
    conditions: countConditions(conditional),
    render: { conditional: [], plain: [], folded: [] },
    keystroke: { conditional: [], plain: [], evaluateOnly: [] },
    shownAtEnd: 0,
  };
  for (let round = 0; round < options.rounds; round++) {
    // As the phone opens it: sections folded away, only their headings and progress.
    const folded = document.createElement('div');
    document.body.append(folded);
    const first = await mount(folded, conditional, false);
    result.render.folded.push(first.ms);
    first.root.unmount();
    folded.remove();
    for (const [name, definition] of [
      ['conditional', conditional],
      ['plain', plain],
    ] as const) {
      const container = document.createElement('div');
      document.body.append(container);
      const { root, ms } = await mount(container, definition);
      result.render[name].push(ms);
      result.keystroke[name].push(...(await typeAll(container, options.keystrokes)));
      if (name === 'conditional' && round === 0) {
        result.shownAtEnd = container.querySelectorAll('[data-field-key]').length;
      }
      root.unmount();
      container.remove();
    }
  }
  // Baseline: the visibility evaluation alone, over the same sequence of answers.
  let answers: Record<string, AnswerValue | null> = {};
  for (let i = 0; i < options.keystrokes; i++) {
    const { id, value } = stroke(i);
    const key = id.slice(2);
    answers = { ...answers, [key]: key === 'driver_number' ? Number(value) : value };
    const t0 = performance.now();
    evaluateVisibility(conditional, answers);
    result.keystroke.evaluateOnly.push(performance.now() - t0);
  }
  return result;
}

declare global {
  interface Window {
    lmFormsBench: { run: typeof run };
  }
}
window.lmFormsBench = { run };
