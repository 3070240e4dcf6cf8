import { z } from 'zod';

/** Larger files are refused with a message saying so: split them. */
export const MAX_IMPORT_ROWS = 5000;
/** Bytes of CSV text accepted in one request (5,000 generous rows). */
export const MAX_IMPORT_BYTES = 4 * 1024 * 1024;

/** The columns an import file may have; the header row names them (any order, case-insensitive). */
export const IMPORT_COLUMNS = [
  'external_ref',
  'title',
  'job_type',
  'customer',
  'site_address',
  'scheduled_start',
  'scheduled_end',
  'duration_minutes',
  'priority',
  'technician',
  'notes',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export const REQUIRED_IMPORT_COLUMNS: readonly ImportColumn[] = [
  'external_ref',
  'title',
  'job_type',
  'customer',
  'site_address',
  'scheduled_start',
];

export const importRequestSchema = z.object({
  csv: z
    .string()
    .min(1, { message: 'The file is empty.' })
    .max(MAX_IMPORT_BYTES, { message: 'The file is larger than 4 MB; split it.' }),
  /** IANA zone for date-times written without an offset ("2026-03-02 08:00"): the office's own. */
  timeZone: z.string().refine(isTimeZone, { message: 'is not a known time zone' }),
});
export type ImportRequest = z.infer<typeof importRequestSchema>;

export const importCommitRequestSchema = importRequestSchema.extend({
  /** Import the valid rows and skip the rest: only when the person chose it explicitly. */
  onlyValid: z.boolean().default(false),
});
export type ImportCommitRequest = z.infer<typeof importCommitRequestSchema>;

export const importRowSchema = z.object({
  /** Line of the file where the row starts (the header is line 1). */
  line: z.number().int(),
  externalRef: z.string(),
  title: z.string(),
  outcome: z.enum(['new', 'alreadyImported', 'invalid']),
  errors: z.array(z.object({ column: z.string(), message: z.string() })),
  createsCustomer: z.boolean(),
  createsSite: z.boolean(),
});
export type ImportRow = z.infer<typeof importRowSchema>;

export const importPreviewSchema = z.object({
  rows: z.array(importRowSchema),
  summary: z.object({
    total: z.number().int(),
    new: z.number().int(),
    alreadyImported: z.number().int(),
    invalid: z.number().int(),
    newCustomers: z.number().int(),
    newSites: z.number().int(),
  }),
  /** Header columns the importer does not know; their values are not read. */
  ignoredColumns: z.array(z.string()),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const importResultSchema = z.object({
  created: z.number().int(),
  alreadyImported: z.number().int(),
  skippedInvalid: z.number().int(),
  customersCreated: z.number().int(),
  sitesCreated: z.number().int(),
});
export type ImportResult = z.infer<typeof importResultSchema>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
