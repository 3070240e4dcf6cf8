import { formatDay, formatTime, useT } from '../../i18n/index.ts';

/** The job's scheduled day and window, as one fact of the job's facts list (local or server copy). */
export function JobWhen({ start, end }: { start: string; end: string }) {
  const t = useT();
  return (
    <div>
      <dt>{t('job.when')}</dt>
      <dd>
        <time dateTime={start}>
          {formatDay(start)} · {t('job.window', { start: formatTime(start), end: formatTime(end) })}
        </time>
      </dd>
    </div>
  );
}
