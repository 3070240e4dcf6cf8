import type { JobReport, ReportAnswer, ReportForm, ReportLeafAnswer } from '@lastmile/domain';
import { MAX_REPORT_PHOTOS, type ReportImages } from '../report-images.ts';
import { COLORS, PdfFlow } from './pdf-layout.ts';

const STATUS_WORDS: Record<JobReport['job']['status'], string> = {
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  paused: 'Paused',
  completed: 'Completed',
  submitted: 'Submitted, awaiting review',
  approved: 'Approved',
  sent_back: 'Sent back for correction',
  cancelled: 'Cancelled',
};
const OUTCOME = {
  pass: { text: '✓ PASS', color: COLORS.pass },
  fail: { text: '✗ FAIL', color: COLORS.fail },
  na: { text: 'N/A', color: COLORS.na },
} as const;

/** Writes an instant for the report. */
type When = (iso: string) => string;

/**
 * Times in the organization's zone, each with its abbreviation ("2 Jan 2030, 08:00 CET"), so a
 * reader elsewhere is not misled. A zone Intl no longer knows falls back to UTC.
 */
function timesIn(timeZone: string): When {
  const options: Intl.DateTimeFormatOptions = {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  };
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-GB', { ...options, timeZone });
  } catch {
    format = new Intl.DateTimeFormat('en-GB', { ...options, timeZone: 'UTC' });
  }
  return (iso) => format.format(new Date(iso));
}

/** The logo's box in the header: at most this wide and tall, in points. */
const LOGO_BOX = { width: 140, height: 48 };

function header(flow: PdfFlow, report: JobReport, logo: Buffer | null): void {
  const { doc } = flow;
  let logoHeight = 0;
  if (logo) {
    // The stored logo was decoded and re-encoded on upload; a failure here still leaves the name.
    try {
      doc.image(logo, flow.left, flow.y, { fit: [LOGO_BOX.width, LOGO_BOX.height] });
      logoHeight = LOGO_BOX.height + 6;
    } catch {
      logoHeight = 0;
    }
  }
  flow.style('title');
  const orgHeight =
    logoHeight + flow.textAt(report.organization.name, flow.left, flow.y + logoHeight, flow.width * 0.6);
  flow.style('heading', COLORS.muted);
  flow.textAt('Inspection report', flow.left + flow.width * 0.6, flow.y + 2, flow.width * 0.4, 'right');
  flow.style('label');
  flow.textAt(report.job.number, flow.left + flow.width * 0.6, flow.y + 20, flow.width * 0.4, 'right');
  flow.y += Math.max(orgHeight, 36) + 6;
  doc.lineWidth(1.5);
  flow.rule(COLORS.text);
}

/** Two columns of label / value pairs. */
function details(flow: PdfFlow, pairs: [string, string][]): void {
  const colWidth = flow.width / 2;
  const labelWidth = 90;
  for (let i = 0; i < pairs.length; i += 2) {
    const row = pairs.slice(i, i + 2);
    flow.style('body');
    const height = Math.max(...row.map(([, value]) => flow.heightOf(value, colWidth - labelWidth - 10)));
    flow.ensure(height + 4);
    row.forEach(([label, value], col) => {
      const x = flow.left + col * colWidth;
      flow.style('label', COLORS.muted);
      flow.textAt(label, x, flow.y, labelWidth);
      flow.style('body');
      flow.textAt(value, x + labelWidth, flow.y, colWidth - labelWidth - 10);
    });
    flow.y += height + 4;
  }
  flow.y += 4;
}

function approvalBox(flow: PdfFlow, report: JobReport, when: When): void {
  const approved = report.approval;
  const text = approved
    ? `APPROVED${approved.approvedBy ? ` by ${approved.approvedBy}` : ''} on ${when(approved.approvedAt)}`
    : `Status: ${STATUS_WORDS[report.job.status]}. This report is not approved.`;
  const color = approved ? COLORS.pass : COLORS.warn;
  flow.style('label', color);
  const height = flow.heightOf(text, flow.width - 16) + 12;
  flow.ensure(height);
  flow.doc.lineWidth(1.2).rect(flow.left, flow.y, flow.width, height).strokeColor(color).stroke();
  flow.style('label', color);
  flow.textAt(text, flow.left + 8, flow.y + 6, flow.width - 16);
  flow.y += height + 12;
}

/** One answer row: label on the left, the answer (or a PASS/FAIL mark) on the right. */
function answerRow(flow: PdfFlow, answer: ReportLeafAnswer, images: ReportImages, indent = 0): void {
  const labelX = flow.left + indent;
  const labelWidth = flow.width * 0.5 - indent;
  const valueX = flow.left + flow.width * 0.5 + 6;
  const valueWidth = flow.width * 0.5 - 6;
  const outcome = answer.outcome ? OUTCOME[answer.outcome] : null;
  const value = outcome
    ? outcome.text
    : answer.outOfRange
      ? `${answer.text}  ⚠ outside the expected range`
      : answer.text || '—';
  const signature = answer.type === 'signature' ? images.get(answer.attachmentIds[0] ?? '') : undefined;
  flow.style('body');
  const textHeight = Math.max(flow.heightOf(answer.label, labelWidth), flow.heightOf(value, valueWidth));
  const height = signature ? Math.max(textHeight, 70) : textHeight;
  flow.ensure(height + 6);
  flow.style('body', COLORS.muted);
  flow.textAt(answer.label, labelX, flow.y, labelWidth);
  if (signature) {
    flow.doc.image(signature, valueX, flow.y, { fit: [180, 66] });
    flow.doc.rect(valueX, flow.y, 180, 66).lineWidth(0.5).strokeColor(COLORS.rule).stroke();
  } else {
    const color = outcome ? outcome.color : answer.outOfRange ? COLORS.fail : COLORS.text;
    flow.style(outcome || answer.outOfRange ? 'label' : 'body', color);
    flow.textAt(value, valueX, flow.y, valueWidth);
  }
  flow.y += height + 3;
  flow.doc
    .moveTo(labelX, flow.y)
    .lineTo(flow.left + flow.width, flow.y)
    .lineWidth(0.3)
    .strokeColor(COLORS.rule)
    .stroke();
  flow.y += 3;
}

function groupRows(flow: PdfFlow, answer: ReportAnswer, images: ReportImages): void {
  answerRow(flow, answer, images);
  answer.entries.forEach((entry, i) => {
    flow.style('label');
    flow.ensure(30);
    flow.textAt(`${answer.label} ${i + 1}`, flow.left + 12, flow.y, flow.width - 12);
    flow.y += 14;
    for (const child of entry) answerRow(flow, child, images, 24);
  });
}

function form(flow: PdfFlow, f: ReportForm, images: ReportImages, when: When): void {
  flow.band(`${f.templateName} (version ${f.templateVersion})`);
  flow.style('small', COLORS.muted);
  flow.paragraph(
    f.submittedAt
      ? `Submitted by ${f.submittedBy ?? 'unknown'} on ${when(f.submittedAt)}`
      : 'Not submitted yet (draft)',
    8,
  );
  for (const section of f.sections) {
    flow.style('label');
    flow.ensure(40);
    flow.paragraph(section.title.toUpperCase(), 6);
    for (const answer of section.answers) {
      if (answer.type === 'group') groupRows(flow, answer, images);
      else answerRow(flow, answer, images);
    }
    flow.y += 6;
  }
}

function photoGrid(flow: PdfFlow, report: JobReport, images: ReportImages, when: When): void {
  if (report.photos.length === 0) return;
  flow.band(`Photos (${report.photos.length})`, 150);
  const columns = 3;
  const gap = 10;
  const cell = (flow.width - gap * (columns - 1)) / columns;
  const imageHeight = cell * 0.75;
  const shown = report.photos.slice(0, MAX_REPORT_PHOTOS);
  for (let i = 0; i < shown.length; i += columns) {
    const row = shown.slice(i, i + columns);
    flow.style('small');
    const captions = row.map((p, n) => {
      const title = p.caption || p.fieldLabel || `Photo ${i + n + 1}`;
      return `${i + n + 1}. ${title}\n${p.capturedBy ?? ''}${p.capturedBy ? ', ' : ''}${when(p.capturedAt)}`;
    });
    const captionHeight = Math.max(...captions.map((c) => flow.heightOf(c, cell)));
    flow.ensure(imageHeight + captionHeight + 12);
    row.forEach((photo, col) => {
      const x = flow.left + col * (cell + gap);
      const image = images.get(photo.id);
      if (image) flow.doc.image(image, x, flow.y, { fit: [cell, imageHeight], align: 'center', valign: 'center' });
      flow.doc.rect(x, flow.y, cell, imageHeight).lineWidth(0.5).strokeColor(COLORS.rule).stroke();
      if (!image) {
        flow.style('small', COLORS.muted);
        flow.textAt('Image unavailable', x, flow.y + imageHeight / 2 - 4, cell, 'center');
      }
      flow.style('small');
      flow.textAt(captions[col]!, x, flow.y + imageHeight + 3, cell);
    });
    flow.y += imageHeight + captionHeight + 12;
  }
  if (report.photos.length > shown.length) {
    flow.style('small', COLORS.muted);
    flow.paragraph(`${report.photos.length - shown.length} more photos are kept with the job and not shown here.`);
  }
}

function items(flow: PdfFlow, report: JobReport): void {
  if (report.items.length === 0) return;
  flow.band(`Outstanding items raised (${report.items.length})`);
  for (const item of report.items) {
    flow.style('label');
    flow.paragraph(
      `${item.title}  [${item.priority}, ${item.status}${item.dueDate ? `, due ${item.dueDate}` : ''}]`,
      2,
    );
    if (item.description) {
      flow.style('body');
      flow.paragraph(item.description, 6);
    }
  }
  flow.y += 4;
}

function history(flow: PdfFlow, report: JobReport, when: When): void {
  flow.band('Who did what and when');
  const timeWidth = 120;
  const whoWidth = 120;
  const whatWidth = flow.width - timeWidth - whoWidth - 12;
  const lines = [
    ...report.activity.map((a) => ({ at: a.at, who: a.actor ?? '—', what: a.summary })),
    ...report.reviews.map((r) => ({
      at: r.decidedAt,
      who: r.reviewer ?? '—',
      what: `Review round ${r.round} (${r.stage}): ${r.decision === 'approved' ? 'approved' : 'sent back'}${r.comment ? ` — “${r.comment}”` : ''}`,
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  for (const line of lines) {
    flow.style('small');
    const height = Math.max(flow.heightOf(line.what, whatWidth), flow.heightOf(line.who, whoWidth));
    flow.ensure(height + 4);
    flow.style('small', COLORS.muted);
    flow.textAt(when(line.at), flow.left, flow.y, timeWidth);
    flow.style('small');
    flow.textAt(line.who, flow.left + timeWidth + 6, flow.y, whoWidth);
    flow.textAt(line.what, flow.left + timeWidth + whoWidth + 12, flow.y, whatWidth);
    flow.y += height + 4;
  }
}

/**
 * The inspection report as a PDF: a document to hand a customer or a regulator (laid out like a
 * gas safety record): who, where and when first, then every answer under its section with
 * PASS/FAIL marked, the signature, photos, items raised, the history and the approval.
 */
export async function renderJobReportPdf(
  report: JobReport,
  images: ReportImages,
  { logo = null, generatedAt = new Date() }: { logo?: Buffer | null; generatedAt?: Date } = {},
): Promise<Buffer> {
  const when = timesIn(report.organization.timeZone);
  const flow = new PdfFlow({
    title: `${report.job.number} ${report.job.title} — inspection report`,
    author: report.organization.name,
  });
  header(flow, report, logo);
  details(flow, [
    ['Job', `${report.job.number} — ${report.job.title}`],
    ['Job type', report.job.jobType],
    ['Date', when(report.job.scheduledStart)],
    ['Status', STATUS_WORDS[report.job.status]],
    ['Customer', report.customer.name],
    ['Site', [report.site.name, report.site.address].filter(Boolean).join('\n')],
    ['Technician', report.technician ?? 'Not assigned'],
    ['Team', report.job.team ?? '—'],
    ...(report.job.externalRef ? ([['Reference', report.job.externalRef]] as [string, string][]) : []),
  ]);
  approvalBox(flow, report, when);
  if (report.forms.length === 0) {
    flow.style('body', COLORS.muted);
    flow.paragraph('No form has been filled in for this job.', 10);
  }
  for (const f of report.forms) form(flow, f, images, when);
  photoGrid(flow, report, images, when);
  items(flow, report);
  history(flow, report, when);
  flow.footers(`${report.organization.name} · ${report.job.number} · generated ${when(generatedAt.toISOString())}`);
  return flow.toBuffer();
}
