import { Readable } from 'node:stream';
import { CSV_BOM, formatCsvExportLine, type CsvCell } from '@lastmile/domain';

/** One page of export rows; a source reads the database one page at a time. */
export type CsvPages = AsyncIterable<CsvCell[][]>;

/**
 * A CSV download as a stream: the UTF-8 byte-order mark (so Excel reads ą as ą), the header, then
 * one chunk per page of rows. Pages are read only as fast as the client takes them (Readable.from
 * pulls the next page when the socket drains), so 100,000 rows never sit in memory together.
 */
export function csvStream(header: readonly string[], pages: CsvPages): Readable {
  async function* chunks(): AsyncGenerator<string> {
    yield CSV_BOM + formatCsvExportLine(header);
    for await (const page of pages) {
      if (page.length > 0) yield page.map(formatCsvExportLine).join('');
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}

/** `jobs-2026-12-01.csv`: what the download is and when it was taken. */
export function csvFileName(what: string, now = new Date()): string {
  return `${what}-${now.toISOString().slice(0, 10)}.csv`;
}

/** Rows read per query: big enough to be quick, small enough to keep memory flat. */
export const EXPORT_PAGE_SIZE = 1000;
