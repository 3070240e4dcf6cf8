import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { idSchema, jobReportSchema, type JobReport } from '@lastmile/domain';
import { createBlobStore } from '../../attachments/storage/create-blob-store.ts';
import type { ZodTypeProvider } from '../../plugins/zod-schemas.ts';
import { renderJobReportPdf } from '../../reports/pdf/render-job-report.ts';
import { loadReportImages } from '../../reports/report-images.ts';
import { organizationLogoOf } from '../../services/organization-logo.ts';
import { loadJobReport } from '../../services/reports/load-job-report.ts';

const params = z.object({ id: idSchema });

/** Bumped when the PDF's layout changes, so browsers do not keep a report drawn the old way. */
const LAYOUT_VERSION = 2;

/**
 * The report's ETag: a digest of its data, so any change to the job, its answers, photos, items or
 * reviews makes a new one. Weak: the same data drawn twice differs in its "generated" line.
 */
function etagOf(report: JobReport, kind: 'json' | 'pdf'): string {
  const digest = createHash('sha256').update(JSON.stringify(report)).digest('base64url').slice(0, 32);
  return `W/"${kind}-${LAYOUT_VERSION}-${digest}"`;
}

/** If-None-Match compares weakly (RFC 9110): `W/` on either side does not matter. */
const opaque = (tag: string) => tag.trim().replace(/^W\//, '');

/** A safe file name: the job number (J-00042) is ours, but say so explicitly. */
function fileName(report: JobReport): string {
  return `${report.job.number.replace(/[^A-Za-z0-9_-]/g, '_')}-inspection-report.pdf`;
}

/** Validators and a 304 when the browser's copy is current; true when the body must be sent. */
function conditional(request: FastifyRequest, reply: FastifyReply, etag: string, lastModified: Date): boolean {
  reply
    .header('etag', etag)
    .header('last-modified', lastModified.toUTCString())
    // The report may change at any time (a late answer, an approval): revalidate on every use.
    .header('cache-control', 'private, no-cache');
  const match = request.headers['if-none-match'];
  return !(match && match.split(',').some((tag) => opaque(tag) === opaque(etag)));
}

/**
 * A job's inspection report: the PDF for people, the same data as JSON for machines. Whoever sees
 * the job (the sync scopes) may have its report; ETag/Last-Modified let a browser or an
 * integration fetch it again only when the job changed.
 */
export async function jobReportRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const blobs = createBlobStore(app.config);

  app.get(
    '/api/jobs/:id/report.json',
    {
      schema: {
        tags: ['reports'],
        summary: "A job's inspection report as data (the same content as the PDF)",
        params,
        response: { 200: jobReportSchema, 304: z.null().describe('The copy named by If-None-Match is current') },
      },
    },
    async (request, reply) => {
      const { report, lastModified } = await loadJobReport(app.db, request.actor, request.params.id);
      if (!conditional(request, reply, etagOf(report, 'json'), lastModified)) return reply.code(304).send(null);
      return report;
    },
  );

  app.get(
    '/api/jobs/:id/report.pdf',
    {
      schema: {
        tags: ['reports'],
        summary:
          "A job's inspection report as a PDF (organization, job, site, answers, photos, signature, history, approval)",
        params,
      },
    },
    async (request, reply) => {
      const { report, lastModified } = await loadJobReport(app.db, request.actor, request.params.id);
      if (!conditional(request, reply, etagOf(report, 'pdf'), lastModified)) return reply.code(304).send();
      const images = await loadReportImages(blobs, request.actor.orgId, report, (id, error) =>
        request.log.warn({ err: error, attachmentId: id }, 'a photo could not be drawn in a report'),
      );
      const logo = report.organization.logo ? await organizationLogoOf(app.db, request.actor.orgId) : null;
      const pdf = await renderJobReportPdf(report, images, { logo: logo?.bytes ?? null });
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${fileName(report)}"`)
        .header('content-length', pdf.length)
        .send(pdf);
    },
  );
}
