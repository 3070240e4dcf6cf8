import {
  entryFieldKey,
  type Answers,
  type CsvCell,
  type GroupEntry,
  type LeafValue,
  type TemplateDefinition,
} from '@lastmile/domain';

/** One CSV column of an answers export: a field, or one child of one repeat entry. */
export type AnswerColumn = { header: string; key: string; entry?: number; child?: string };

/**
 * The answers export's columns for a template version, in template order, one per field key.
 * Repeat groups are flattened: `radiators[1].room`, `radiators[1].ok`, `radiators[2].room`… for
 * entries 1 to the most any response of this version has (`groupEntries`), so every response fits
 * on one row and a spreadsheet can filter on any cell. Instructions have no answer, no column.
 */
export function answerColumns(
  definition: TemplateDefinition,
  groupEntries: ReadonlyMap<string, number>,
): AnswerColumn[] {
  const columns: AnswerColumn[] = [];
  for (const section of definition.sections) {
    for (const field of section.fields) {
      if (field.type === 'instructions') continue;
      if (field.type !== 'group') {
        columns.push({ header: field.key, key: field.key });
        continue;
      }
      const entries = groupEntries.get(field.key) ?? 0;
      for (let entry = 0; entry < entries; entry++) {
        for (const child of field.fields) {
          if (child.type === 'instructions') continue;
          columns.push({ header: `${field.key}[${entry + 1}].${child.key}`, key: field.key, entry, child: child.key });
        }
      }
    }
  }
  return columns;
}

/**
 * A stored value as a cell: text as it is, numbers as numbers, yes/no as true/false, a list
 * (choices, photo ids) joined with "; ". Choice values, not labels: an export is for machines and
 * spreadsheets, and values do not change when the office rewords a label.
 */
export function answerCell(value: LeafValue | null | undefined): CsvCell {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.join('; ');
  return value;
}

/**
 * The cell of `column` in one response; empty where the field is hidden for these answers (as in
 * the report: a hidden field's leftover value is not an answer), `visible` from evaluateVisibility.
 */
export function cellOf(column: AnswerColumn, answers: Answers, visible: ReadonlySet<string>): CsvCell {
  const value = answers[column.key];
  if (column.entry === undefined || column.child === undefined) {
    if (!visible.has(column.key)) return null;
    return Array.isArray(value) && value.some((v) => typeof v === 'object') ? null : answerCell(value as LeafValue);
  }
  if (!Array.isArray(value) || !visible.has(entryFieldKey(column.key, column.entry, column.child))) return null;
  const entry = value[column.entry] as GroupEntry | undefined;
  return entry && typeof entry === 'object' ? answerCell(entry[column.child]) : null;
}
