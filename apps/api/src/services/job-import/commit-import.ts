import { AppError, ERROR_CODES, type ImportResult, type JobRow } from '@lastmile/domain';
import { writeInOrg, type AnyDb, type PublishEvent } from '@lastmile/sync/server';
import { createCustomer } from '../create-customer.ts';
import { recordImportAudit } from '../audit/record-import-audit.ts';
import { createJob } from '../create-job.ts';
import { createSite } from '../create-site.ts';
import { publishJobEvents } from '../webhooks/publish-events.ts';
import { planImport } from './plan-import.ts';
import type { ImportFile } from './read-import-file.ts';

const key = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');
const MAX_ISSUES = 200;

/** PostgreSQL's unique_violation: another import created the same external reference meanwhile. */
function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; cause?: { code?: unknown } };
  return e.code === '23505' || e.cause?.code === '23505';
}

/**
 * Imports a file in one transaction through the services, so every row reaches devices through
 * sync. The plan is made again inside the transaction: what the preview showed may have changed.
 * With errors in the file nothing is imported, unless `onlyValid` says to skip the invalid rows.
 * Missing customers (by name) and sites (by address under that customer) are created.
 */
export async function commitImport(
  db: AnyDb,
  input: {
    orgId: string;
    userId: string;
    file: ImportFile;
    timeZone: string;
    onlyValid: boolean;
    /** The session's reference in the audit trail (services/record-audit.ts). */
    clientId?: string | null;
    /** Where each created job's webhook events go, in the import's transaction. */
    publish?: PublishEvent;
  },
): Promise<ImportResult> {
  try {
    return await writeInOrg(db, input.orgId, async (tx, recorder) => {
      const { preview, jobs } = await planImport(tx, input.orgId, input.file, input.timeZone);
      const invalid = preview.rows.filter((row) => row.outcome === 'invalid');
      const created: JobRow[] = [];
      if (invalid.length > 0 && !input.onlyValid) {
        const issues = invalid.flatMap((row) =>
          row.errors.map((e) => ({ path: `line ${row.line}${e.column ? ` ${e.column}` : ''}`, message: e.message })),
        );
        throw new AppError(
          ERROR_CODES.validation,
          `${invalid.length} of ${preview.rows.length} rows have errors, so nothing was imported. Fix them, or choose to import only the valid rows.`,
          issues.slice(0, MAX_ISSUES),
        );
      }
      const customerIds = new Map<string, string>();
      const siteIds = new Map<string, string>();
      let customersCreated = 0;
      let sitesCreated = 0;
      for (const job of jobs) {
        let customerId: string;
        if ('id' in job.customer) customerId = job.customer.id;
        else {
          const known = customerIds.get(key(job.customer.name));
          if (known) customerId = known;
          else {
            customerId = (
              await createCustomer(tx, recorder, {
                orgId: input.orgId,
                name: job.customer.name,
                phone: null,
                email: null,
              })
            ).id;
            customerIds.set(key(job.customer.name), customerId);
            customersCreated += 1;
          }
        }
        let siteId: string;
        if ('id' in job.site) siteId = job.site.id;
        else {
          const siteKey = `${customerId}|${key(job.site.address)}`;
          const known = siteIds.get(siteKey);
          if (known) siteId = known;
          else {
            siteId = (
              await createSite(tx, recorder, {
                orgId: input.orgId,
                customerId,
                name: job.site.address,
                address: job.site.address,
                lat: null,
                lng: null,
                accessNotes: '',
              })
            ).id;
            siteIds.set(siteKey, siteId);
            sitesCreated += 1;
          }
        }
        const row = await createJob(tx, recorder, {
          orgId: input.orgId,
          jobTypeId: job.jobTypeId,
          customerId,
          siteId,
          teamId: job.teamId,
          assigneeId: job.assigneeId,
          priority: job.priority,
          scheduledStart: job.scheduledStart,
          scheduledEnd: job.scheduledEnd,
          title: job.title,
          notes: job.notes,
          externalRef: job.externalRef,
          createdBy: input.userId,
        });
        created.push(row);
        await publishJobEvents(tx, input.publish, input, null, row);
      }
      await recordImportAudit(tx, { ...input, clientId: input.clientId ?? null }, created);
      return {
        created: jobs.length,
        alreadyImported: preview.summary.alreadyImported,
        skippedInvalid: invalid.length,
        customersCreated,
        sitesCreated,
      };
    });
  } catch (error) {
    if (isUniqueViolation(error) || (error instanceof AppError && error.code === ERROR_CODES.conflict)) {
      throw new AppError(
        ERROR_CODES.conflict,
        'Some of these jobs were imported by someone else at the same moment; nothing was imported. Preview the file again.',
      );
    }
    throw error;
  }
}
