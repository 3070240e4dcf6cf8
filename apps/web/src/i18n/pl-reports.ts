/** Polish for en-reports.ts: the inspection report link and the CSV export buttons. */
export const plReports = {
  'reports.pdf.download': 'Pobierz raport (PDF)',
  'reports.pdf.offline': 'Raport tworzy serwer: połącz się, aby go pobrać.',
  'reports.export.jobs': 'Eksportuj te zlecenia (CSV)',
  'reports.export.answers': 'Eksportuj odpowiedzi (CSV)',
  'reports.export.items': 'Eksportuj sprawy (CSV)',
} as const;
