import { useEffect, useId, useRef, useState } from 'react';
import { formatDay, formatTime, useT } from '../../i18n/index.ts';
import type { JobView } from '../../jobs/job-queries.ts';
import { refusalMessage } from '../../sync/refusal.ts';
import { useSync } from '../../sync/sync-context.tsx';
import { useReturnFocus } from '../../ui/use-return-focus.ts';
import { localDateAndTime, moveTo } from './move-to.ts';

type Props = {
  view: JobView;
  onClose: () => void;
  /** Said after the move (a live region on the board), since the job may leave the shown days. */
  onMoved: (message: string) => void;
};

/**
 * "Move to…": a day and a start time, the job keeps its length and its technician. The way to
 * reschedule by keyboard and by touch (dragging needs a mouse).
 */
export function MoveDialog({ view, onClose, onMoved }: Props) {
  const t = useT();
  const sync = useSync();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const { job } = view;
  const initial = localDateAndTime(job.scheduledStart);
  const [date, setDate] = useState(initial.date);
  const [time, setTime] = useState(initial.time);
  const [error, setError] = useState<string | null>(null);
  useReturnFocus(`[data-board-job="${job.id}"] .board-job__move`);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  async function save() {
    const moved = moveTo(job, date, time);
    if (!moved) {
      if (date === initial.date && time === initial.time) onClose();
      else setError(t('board.move.invalid'));
      return;
    }
    try {
      await sync.mutate('updateJob', { jobId: job.id, ...moved });
      onMoved(
        t('board.move.done', {
          number: job.number,
          day: formatDay(moved.scheduledStart),
          time: formatTime(moved.scheduledStart),
        }),
      );
      onClose();
    } catch (e) {
      setError(refusalMessage(e, t('job.error.unexpected')));
    }
  }

  return (
    <dialog ref={ref} className="assign" aria-labelledby={`${id}-title`} onCancel={onClose}>
      <form
        method="dialog"
        className="assign__form"
        // Our own message names what is missing; the browser's bubble is not read by every screen reader.
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <h2 id={`${id}-title`}>{t('board.move.title', { number: job.number, customer: view.customer?.name ?? '' })}</h2>
        <p className="job__muted">{t('board.move.keeps', { name: view.assignee?.name ?? t('job.unassigned') })}</p>
        <div className="field">
          <label htmlFor={`${id}-date`}>{t('board.move.date')}</label>
          <input id={`${id}-date`} type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-time`}>{t('board.move.time')}</label>
          <input id={`${id}-time`} type="time" required value={time} onChange={(e) => setTime(e.target.value)} />
        </div>
        <p className="form-error" role="alert">
          {error ?? ''}
        </p>
        <div className="job__buttons">
          <button type="submit" className="button button--primary">
            {t('board.move.save')}
          </button>
          <button type="button" className="button button--ghost" onClick={onClose}>
            {t('board.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
