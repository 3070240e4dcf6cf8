import { useId, type ReactNode } from 'react';
import { formatDay, useT, type MessageKey } from '../i18n/index.ts';

type Props = { titleKey: MessageKey; count: number | undefined; day?: Date; children: ReactNode };

/** The page's h1 with the date and a live job count, labelling the section it wraps. */
export function HomeSection({ titleKey, count, day, children }: Props) {
  const t = useT();
  const id = useId();
  return (
    <section className="home" aria-labelledby={id}>
      <div className="home__heading">
        <h1 id={id}>{t(titleKey)}</h1>
        <p className="home__meta" aria-live="polite">
          {day && <time dateTime={day.toISOString()}>{formatDay(day.toISOString())}</time>}
          {day && count !== undefined && ' · '}
          {count !== undefined && t('home.jobCount', { count })}
        </p>
      </div>
      {children}
    </section>
  );
}
