/**
 * A small RFC 4180 CSV reader: comma-separated, fields optionally in double quotes (a quote
 * inside is doubled), commas and line breaks allowed inside quotes, CRLF / LF / CR line ends,
 * a UTF-8 byte-order mark ignored. Spreadsheet exports are all this; see docs/decisions/0011.
 */
export type CsvRecord = {
  /** 1-based line of the file where the record starts (what a person sees in an editor). */
  line: number;
  fields: string[];
};

export type CsvParseResult = { ok: true; records: CsvRecord[] } | { ok: false; line: number; message: string };

export function parseCsv(text: string): CsvParseResult {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let quoted = false;
  let quoteStartLine = 0;
  // After a closing quote only a separator or the end of the record may follow.
  let afterQuote = false;

  const endField = () => {
    fields.push(field);
    field = '';
    afterQuote = false;
  };
  const endRecord = () => {
    endField();
    // A blank line (one empty field) is skipped rather than read as a record of empty values.
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
  };

  while (i < input.length) {
    const c = input[i]!;
    if (quoted) {
      if (c === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        afterQuote = true;
        i += 1;
        continue;
      }
      if (c === '\n' || (c === '\r' && input[i + 1] !== '\n')) line += 1;
      field += c;
      i += 1;
      continue;
    }
    if (c === ',') {
      endField();
      i += 1;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && input[i + 1] === '\n' ? 2 : 1;
      line += 1;
      recordLine = line;
      continue;
    }
    if (afterQuote) {
      return {
        ok: false,
        line,
        message: 'Unexpected text after a closing quote; a quote inside a quoted field is written twice ("").',
      };
    }
    if (c === '"') {
      if (field !== '')
        return {
          ok: false,
          line,
          message:
            'A quote in the middle of an unquoted field; put the whole field in quotes and double the quote ("").',
        };
      quoted = true;
      quoteStartLine = line;
      i += 1;
      continue;
    }
    field += c;
    i += 1;
  }
  if (quoted)
    return {
      ok: false,
      line: quoteStartLine,
      message: 'A quoted field is never closed: a closing quote (") is missing.',
    };
  if (field !== '' || fields.length > 0 || afterQuote) endRecord();
  return { ok: true, records };
}

/** Writes one CSV record (quoting only where needed); the inverse of parseCsv for tests and exports. */
export function formatCsvRecord(fields: readonly string[]): string {
  return fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',');
}

/**
 * A spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return as a
 * formula (CSV injection): such text from a person gets a leading apostrophe, which Excel,
 * LibreOffice and Google Sheets show as text. Spreadsheets also trim leading spaces and line
 * breaks before they look, so ` =1+1` and `\n@cmd` count, and a cell starting with a line feed
 * is treated like one starting with a carriage return. Excel set to a `;` list separator (Polish,
 * German) splits our lines at every `;` in the text, so what follows a `;` starts a cell of its
 * own there: `x;=cmd` becomes `x;'=cmd`. Numbers we write ourselves (`-3.5`) are not text from a
 * person, so exports pass them as numbers and they stay numbers.
 */
const FORMULA_START = /^[ \t\r\n]*[=+\-@]|^[\t\r\n]/;
const FORMULA_AFTER_SEMICOLON = /;([ \t\r\n"]*)(?=[=+\-@])/g;

export function neutralizeCsvFormula(text: string): string {
  const cells = text.replace(FORMULA_AFTER_SEMICOLON, ";$1'");
  return FORMULA_START.test(cells) ? `'${cells}` : cells;
}

export type CsvCell = string | number | boolean | null | undefined;

/** One export line (CRLF, as RFC 4180 and Excel expect): text cells neutralized, empty for null. */
export function formatCsvExportLine(cells: readonly CsvCell[]): string {
  const fields = cells.map((cell) => {
    if (cell === null || cell === undefined) return '';
    if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
    if (typeof cell === 'boolean') return cell ? 'true' : 'false';
    return neutralizeCsvFormula(cell);
  });
  return `${formatCsvRecord(fields)}\r\n`;
}

/** The UTF-8 byte-order mark: without it Excel reads a CSV as the machine's legacy code page (ą → Ä…). */
export const CSV_BOM = '\uFEFF';
