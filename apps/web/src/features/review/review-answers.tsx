import { formAnswerId, type FormAnswerRow, type GroupEntry, type LeafField, type UserRow } from '@lastmile/domain';
import { useId } from 'react';
import { AnswerHistory } from '../../jobs/answer-history.tsx';
import { commentKey, type AnswerChange } from '../../jobs/review-rounds.ts';
import { formatDay, formatTime, useT } from '../../i18n/index.ts';
import type { AppDb } from '../../local-db/app-db.ts';
import { answerFlag } from './answer-flags.ts';
import { AnswerMedia, useFormatAnswer } from './answer-value.tsx';
import type { ReviewForm } from './use-review-data.ts';

export type CommentDrafts = {
  /** Comments being written for a send back, by commentKey. */
  values: ReadonlyMap<string, string>;
  set: (place: { responseId: string; fieldKey: string; entryIndex: number | null }, text: string | null) => void;
};

type Props = {
  db: AppDb;
  form: ReviewForm;
  people: ReadonlyMap<string, UserRow>;
  changes: ReadonlyMap<string, AnswerChange>;
  /** The previous send back's field comments (by commentKey), shown beside the answers they were on. */
  asked: ReadonlyMap<string, string>;
  previousRound: number;
  drafts: CommentDrafts | null;
};

/** A form's answers in template order under their section headings, for reading. */
export function ReviewAnswers({ db, form, people, changes, asked, previousRound, drafts }: Props) {
  const t = useT();
  const definition = form.version?.definition;
  if (!definition) return <p className="job__muted">{t('review.formMissing')}</p>;
  const byKey = new Map(form.answers.map((a) => [a.fieldKey, a]));
  return (
    <div className="review-form">
      <h3>{form.version?.name}</h3>
      {definition.sections.map((section) => (
        <section key={section.key} className="review-section">
          <h4>{section.title}</h4>
          <ul className="review-answers">
            {section.fields.map((field) => {
              if (field.type === 'instructions') return null;
              const row = byKey.get(field.key);
              const common = { db, form, people, changes, asked, previousRound, drafts, row };
              if (field.type !== 'group') return <AnswerItem key={field.key} {...common} field={field} entry={null} />;
              const entries = Array.isArray(row?.value) ? (row.value as GroupEntry[]) : [];
              return (
                <li key={field.key} className="review-group">
                  <p className="review-answer__label">{field.label}</p>
                  <ChangeNote change={changes.get(formAnswerId(form.response.id, field.key))} round={previousRound} />
                  {entries.length === 0 && <p className="job__muted">{t('review.unanswered')}</p>}
                  {entries.map((entry, i) => (
                    <div key={i} className="review-entry">
                      <p className="review-entry__title">{t('review.entry', { n: i + 1 })}</p>
                      <ul className="review-answers">
                        {field.fields.map((child) =>
                          child.type === 'instructions' ? null : (
                            <AnswerItem
                              key={child.key}
                              {...common}
                              field={child}
                              entry={{ index: i, value: entry[child.key] }}
                            />
                          ),
                        )}
                      </ul>
                    </div>
                  ))}
                  <Meta row={row} people={people} responseId={form.response.id} fieldKey={field.key} />
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}

type ItemProps = Omit<Props, 'form'> & {
  form: ReviewForm;
  field: LeafField;
  row: FormAnswerRow | undefined;
  /** Set for a field inside a repeat group entry: the entry and this child's value in it. */
  entry: { index: number; value: unknown } | null;
};

function AnswerItem({ db, form, field, row, entry, people, changes, asked, previousRound, drafts }: ItemProps) {
  const t = useT();
  const format = useFormatAnswer();
  const id = useId();
  const value = (entry ? entry.value : row?.value) as Parameters<typeof answerFlag>[1];
  const flag = answerFlag(field, value);
  const place = { responseId: form.response.id, fieldKey: field.key, entryIndex: entry?.index ?? null };
  const key = commentKey(place);
  const draft = drafts?.values.get(key);
  const askedBefore = asked.get(key);
  const change = entry ? undefined : changes.get(formAnswerId(form.response.id, field.key));
  return (
    <li className={flag ? 'review-answer review-answer--flagged' : 'review-answer'} data-review-field={key}>
      <p className="review-answer__label" id={`${id}-label`}>
        {field.label}
      </p>
      <p className="review-answer__value">{format(field, value)}</p>
      {flag && (
        <p className="review-flag" role="note">
          <span aria-hidden="true">⚠ </span>
          {flag.kind === 'failed'
            ? t('review.flag.failed')
            : t('review.flag.outOfRange', {
                range: `${flag.min ?? '…'}–${flag.max ?? '…'}${flag.unit ? ` ${flag.unit}` : ''}`,
              })}
        </p>
      )}
      <AnswerMedia db={db} field={field} value={value} />
      <ChangeNote change={change} round={previousRound} format={(v) => format(field, v)} />
      {askedBefore && <p className="review-asked">{t('review.askedBefore', { comment: askedBefore })}</p>}
      {!entry && <Meta row={row} people={people} responseId={form.response.id} fieldKey={field.key} />}
      {drafts &&
        (draft === undefined ? (
          <button
            type="button"
            className="button button--small"
            aria-describedby={`${id}-label`}
            onClick={() => drafts.set(place, '')}
          >
            {t('review.comment.add')}
          </button>
        ) : (
          <div className="field review-comment">
            <label htmlFor={`${id}-comment`}>{t('review.comment.label', { label: field.label })}</label>
            <textarea
              id={`${id}-comment`}
              rows={2}
              maxLength={2000}
              value={draft}
              // A new comment box takes the focus: the person clicked to write in it.
              autoFocus
              onChange={(e) => drafts.set(place, e.target.value)}
            />
            <button type="button" className="button button--small" onClick={() => drafts.set(place, null)}>
              {t('review.comment.remove')}
            </button>
          </div>
        ))}
    </li>
  );
}

function ChangeNote({
  change,
  round,
  format,
}: {
  change: AnswerChange | undefined;
  round: number;
  format?: (value: unknown) => string;
}) {
  const t = useT();
  if (!change) return null;
  return (
    <p className="review-changed">
      <span aria-hidden="true">✎ </span>
      {t('review.changed', { round })}
      {format && ` ${t('review.was', { value: format(change.before) })}`}
    </p>
  );
}

function Meta({
  row,
  people,
  responseId,
  fieldKey,
}: {
  row: FormAnswerRow | undefined;
  people: ReadonlyMap<string, UserRow>;
  responseId: string;
  fieldKey: string;
}) {
  const t = useT();
  if (!row) return null;
  return (
    <>
      <p className="review-answer__meta">
        {t('review.answeredBy', {
          name: people.get(row.answeredBy)?.name ?? t('job.unknownPerson'),
          when: `${formatDay(row.capturedAt)} ${formatTime(row.capturedAt)}`,
        })}
      </p>
      {(row.historyCount > 0 || row.conflict) && (
        <AnswerHistory responseId={responseId} fieldKey={fieldKey} count={row.historyCount} conflict={row.conflict} />
      )}
    </>
  );
}
