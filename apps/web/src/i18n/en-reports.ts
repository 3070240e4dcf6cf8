/** The inspection report link and the CSV export buttons. */
export const enReports = {
  'reports.pdf.download': 'Download the report (PDF)',
  'reports.pdf.offline': 'The report is made by the server: connect to download it.',
  'reports.export.jobs': 'Export these jobs (CSV)',
  'reports.export.answers': 'Export answers (CSV)',
  'reports.export.items': 'Export items (CSV)',
} as const;
