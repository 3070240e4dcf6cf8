import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCsvRecord, parseCsv } from './csv.ts';

function records(text: string) {
  const result = parseCsv(text);
  if (!result.ok) throw new Error(`line ${result.line}: ${result.message}`);
  return result.records;
}

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    const text = 'ref,notes\r\nA-1,"Back door, code ""1234"""\r\nA-2,"two\r\nlines"\r\n';
    expect(records(text)).toEqual([
      { line: 1, fields: ['ref', 'notes'] },
      { line: 2, fields: ['A-1', 'Back door, code "1234"'] },
      { line: 3, fields: ['A-2', 'two\r\nlines'] },
    ]);
  });

  it('ignores a byte-order mark, blank lines and a missing final line break; keeps empty fields', () => {
    expect(records('\uFEFFa,b\n\n1,\n,2')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['1', ''] },
      { line: 4, fields: ['', '2'] },
    ]);
  });

  it('accepts LF and lone CR line ends', () => {
    expect(records('a\rb\nc').map((r) => r.fields[0])).toEqual(['a', 'b', 'c']);
  });

  it('reports an unclosed quote at the line where it opened', () => {
    expect(parseCsv('a,b\n1,"open\n2,3\n')).toEqual({
      ok: false,
      line: 2,
      message: expect.stringContaining('never closed'),
    });
  });

  it('reports text after a closing quote and a stray quote inside a field', () => {
    expect(parseCsv('a\n"x"y')).toMatchObject({ ok: false, line: 2 });
    expect(parseCsv('a\nx"y')).toMatchObject({ ok: false, line: 2 });
  });

  it('reads back whatever formatCsvRecord wrote', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', '"', '\n', '\r', 'é', '1') });
    const row = fc.array(field, { minLength: 2, maxLength: 5 });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 8 }), (rows) => {
        const text = rows.map(formatCsvRecord).join('\r\n');
        expect(records(text).map((r) => r.fields)).toEqual(rows);
      }),
    );
  });
});
