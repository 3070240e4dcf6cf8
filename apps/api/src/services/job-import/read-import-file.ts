import {
  AppError,
  ERROR_CODES,
  IMPORT_COLUMNS,
  MAX_IMPORT_ROWS,
  parseCsv,
  REQUIRED_IMPORT_COLUMNS,
  type ImportColumn,
} from '@lastmile/domain';

export type ImportFileRow = {
  line: number;
  values: Record<ImportColumn, string>;
  /** A problem with the row as a whole (too many values), before any column is read. */
  rowError: string | null;
};

export type ImportFile = { rows: ImportFileRow[]; ignoredColumns: string[] };

/** Headers people write for the same column. */
const ALIASES: Record<string, ImportColumn> = {
  external_reference: 'external_ref',
  reference: 'external_ref',
  ref: 'external_ref',
  type: 'job_type',
  customer_name: 'customer',
  address: 'site_address',
  site: 'site_address',
  start: 'scheduled_start',
  end: 'scheduled_end',
  duration: 'duration_minutes',
  technician_email: 'technician',
  assignee: 'technician',
  email: 'technician',
};

function columnOf(header: string): ImportColumn | undefined {
  const key = header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return (IMPORT_COLUMNS as readonly string[]).includes(key) ? (key as ImportColumn) : ALIASES[key];
}

/**
 * CSV text → rows keyed by column. Problems with the file as a whole (unreadable CSV, missing
 * columns, too many rows) are a 400/413 naming the line or column; problems in a row are left
 * for the planner to report next to that row.
 */
export function readImportFile(csv: string): ImportFile {
  const parsed = parseCsv(csv);
  if (!parsed.ok) {
    throw new AppError(ERROR_CODES.validation, `The file is not valid CSV (line ${parsed.line}): ${parsed.message}`, [
      { path: `line ${parsed.line}`, message: parsed.message },
    ]);
  }
  const [header, ...records] = parsed.records;
  if (!header)
    throw new AppError(ERROR_CODES.validation, 'The file is empty: it needs a header row and one row per job.');

  const positions = new Map<ImportColumn, number>();
  const ignoredColumns: string[] = [];
  header.fields.forEach((name, index) => {
    const column = columnOf(name);
    if (!column) {
      if (name.trim() !== '') ignoredColumns.push(name.trim());
      return;
    }
    if (positions.has(column)) {
      throw new AppError(ERROR_CODES.validation, `The header names the column ${column} twice.`, [
        { path: column, message: 'appears twice in the header' },
      ]);
    }
    positions.set(column, index);
  });
  const missing = REQUIRED_IMPORT_COLUMNS.filter((column) => !positions.has(column));
  if (missing.length > 0) {
    throw new AppError(
      ERROR_CODES.validation,
      `The header row lacks ${missing.length === 1 ? 'the column' : 'the columns'} ${missing.join(', ')}. Required: ${REQUIRED_IMPORT_COLUMNS.join(', ')}.`,
      missing.map((column) => ({ path: column, message: 'is a required column' })),
    );
  }
  if (records.length === 0) throw new AppError(ERROR_CODES.validation, 'The file has a header row but no jobs.');
  if (records.length > MAX_IMPORT_ROWS) {
    throw new AppError(
      ERROR_CODES.payloadTooLarge,
      `The file has ${records.length.toLocaleString('en-US')} jobs; import at most ${MAX_IMPORT_ROWS.toLocaleString('en-US')} at a time. Split the file and import the parts one after another.`,
    );
  }

  const rows = records.map((record): ImportFileRow => {
    const values = Object.fromEntries(
      IMPORT_COLUMNS.map((column) => {
        const index = positions.get(column);
        return [column, index === undefined ? '' : (record.fields[index] ?? '').trim()];
      }),
    ) as Record<ImportColumn, string>;
    // Trailing empty cells are common in spreadsheet exports; extra values with content are not.
    const extra = record.fields.slice(header.fields.length).some((v) => v.trim() !== '');
    return {
      line: record.line,
      values,
      rowError: extra ? `has ${record.fields.length} values but the header has ${header.fields.length} columns` : null,
    };
  });
  return { rows, ignoredColumns };
}
