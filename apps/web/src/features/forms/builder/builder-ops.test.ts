import type { TemplateDefinition } from '@lastmile/domain';
import { describe, expect, it } from 'vitest';
import {
  addField,
  allKeys,
  changeType,
  conditionSources,
  keyFromLabel,
  moveField,
  newField,
  renameKey,
  stepField,
  uniqueKey,
} from './builder-ops.ts';

const field = (key: string) => newField('shortText', key, key.toUpperCase(), new Set());
const def: TemplateDefinition = {
  sections: [
    { key: 'a', title: 'A', visibleWhen: null, fields: [field('a1'), field('a2'), field('a3')] },
    { key: 'b', title: 'B', visibleWhen: null, fields: [field('b1')] },
  ],
};
const keys = (d: TemplateDefinition) => d.sections.map((s) => s.fields.map((f) => f.key));

describe('builder reorder', () => {
  it('moves a field down and up within its section one place at a time', () => {
    const down = stepField(def, { section: 0, field: 0 }, 1)!;
    expect(keys(down.definition)).toEqual([['a2', 'a1', 'a3'], ['b1']]);
    expect(down.pos).toEqual({ section: 0, field: 1 });
    const up = stepField(down.definition, down.pos, -1)!;
    expect(keys(up.definition)).toEqual(keys(def));
  });

  it('crosses into the next or previous section at the edges, and stops at the ends', () => {
    const down = stepField(def, { section: 0, field: 2 }, 1)!;
    expect(keys(down.definition)).toEqual([
      ['a1', 'a2'],
      ['a3', 'b1'],
    ]);
    expect(down.pos).toEqual({ section: 1, field: 0 });
    const up = stepField(def, { section: 1, field: 0 }, -1)!;
    expect(keys(up.definition)).toEqual([['a1', 'a2', 'a3', 'b1'], []]);
    expect(stepField(def, { section: 0, field: 0 }, -1)).toBeNull();
    expect(stepField(def, { section: 1, field: 0 }, 1)).toBeNull();
  });

  it('drops a dragged field before the target, counting the gap it leaves', () => {
    expect(keys(moveField(def, { section: 0, field: 0 }, { section: 0, field: 2 }))).toEqual([
      ['a2', 'a1', 'a3'],
      ['b1'],
    ]);
    expect(keys(moveField(def, { section: 0, field: 2 }, { section: 0, field: 0 }))).toEqual([
      ['a3', 'a1', 'a2'],
      ['b1'],
    ]);
    expect(keys(moveField(def, { section: 0, field: 1 }, { section: 1, field: 1 }))).toEqual([
      ['a1', 'a3'],
      ['b1', 'a2'],
    ]);
  });
});

describe('builder keys', () => {
  it('makes unique, valid keys from labels', () => {
    const taken = allKeys(def);
    expect(keyFromLabel('Flue gas CO₂ (ppm)', taken)).toBe('flue_gas_co2_ppm');
    expect(keyFromLabel('A1', taken)).toBe('a1_2');
    expect(uniqueKey('2nd check', new Set())).toBe('nd_check');
    expect(uniqueKey('', new Set())).toBe('field');
  });

  it('renames a key in the conditions that refer to it', () => {
    const withCondition = addField(def, 1, {
      ...field('b2'),
      visibleWhen: { match: 'all', conditions: [{ field: 'a1', op: 'answered' }] },
    });
    const renamed = renameKey(withCondition, { section: 0, field: 0 }, 'boiler_make');
    expect(renamed.sections[0]!.fields[0]!.key).toBe('boiler_make');
    expect(renamed.sections[1]!.fields[1]!.visibleWhen?.conditions[0]?.field).toBe('boiler_make');
  });

  it('renames only the edited field when two fields share a key (the fix for a duplicate)', () => {
    const duplicated = addField(def, 0, field('a1'));
    const fixed = renameKey(duplicated, { section: 0, field: 3 }, 'pressure');
    expect(fixed.sections[0]!.fields.map((f) => f.key)).toEqual(['a1', 'a2', 'a3', 'pressure']);
  });

  it('keeps the common settings when the type changes', () => {
    const f = { ...field('x'), help: 'Look at the plate', required: true };
    const changed = changeType(f, 'number', new Set(['x']));
    expect(changed).toMatchObject({
      key: 'x',
      label: 'X',
      help: 'Look at the plate',
      required: true,
      type: 'number',
      min: null,
    });
  });

  it('offers only earlier answerable fields as condition sources', () => {
    const sources = conditionSources(def, { section: 1, field: 0 }).map((f) => f.key);
    expect(sources).toEqual(['a1', 'a2', 'a3']);
    expect(conditionSources(def, { section: 0 }).map((f) => f.key)).toEqual([]);
  });
});

describe('publish issues', () => {
  it('point at the field or section their path names', async () => {
    const { issueKey } = await import('./builder-ops.ts');
    expect(issueKey(def, 'sections.0.fields.1.label')).toBe('a2');
    expect(issueKey(def, 'definition.sections.1.fields.0.visibleWhen.conditions.0.field')).toBe('b1');
    expect(issueKey(def, 'sections.1.title')).toBe('b');
    expect(issueKey(def, 'sections.9.title')).toBeNull();
    expect(issueKey(def, 'name')).toBeNull();
  });
});
