import { jobReportUrl } from '@lastmile/domain';
import { useT } from '../i18n/index.ts';

/**
 * The download of a job's inspection report. The server draws the PDF from its own data, so the
 * link needs a connection; offline it says so instead of failing on a tap. Shared by the job and
 * review screens.
 */
export function ReportLink({ jobId, online, className = '' }: { jobId: string; online: boolean; className?: string }) {
  const t = useT();
  if (!online) return <p className={`report-link__offline ${className}`}>{t('reports.pdf.offline')}</p>;
  return (
    <a className={`button report-link ${className}`} href={jobReportUrl(jobId)} download>
      {t('reports.pdf.download')}
    </a>
  );
}
