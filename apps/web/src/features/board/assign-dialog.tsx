import type { UserRow } from '@lastmile/domain';
import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '../../i18n/index.ts';
import { useSync } from '../../sync/sync-context.tsx';
import type { JobView } from '../../jobs/job-queries.ts';
import { refusalMessage } from '../../sync/refusal.ts';
import { useReturnFocus } from '../../ui/use-return-focus.ts';
import { hours, type Load } from './board-queries.ts';

export type AssignRequest = {
  view: JobView;
  /** The assignee the lead saw when deciding: the server refuses if someone else changed it since. */
  expectedAssigneeId: string | null;
  /** Pre-selected target (from a drop), or null to pick. */
  targetId: string | null;
};

type Props = {
  request: AssignRequest;
  members: readonly UserRow[];
  load: ReadonlyMap<string, Load>;
  onClose: () => void;
};

/**
 * Pick who does the job (with each person's load for the day) and, when it moves away from
 * someone, a handoff note that travels with it. A modal <dialog>: focus stays inside, Escape closes.
 */
export function AssignDialog({ request, members, load, onClose }: Props) {
  const t = useT();
  const sync = useSync();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const { view, expectedAssigneeId } = request;
  const [target, setTarget] = useState<string>(request.targetId ?? expectedAssigneeId ?? '');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const reassigning = expectedAssigneeId !== null;
  useReturnFocus(`[data-board-job="${view.job.id}"] .board-job__assign`);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  async function save() {
    const assigneeId = target || null;
    if (assigneeId === expectedAssigneeId) {
      onClose();
      return;
    }
    if (reassigning && !note.trim()) {
      setError(t('board.handoffRequired'));
      return;
    }
    try {
      await sync.mutate('assignJob', { jobId: view.job.id, expectedAssigneeId, assigneeId, handoffNote: note.trim() });
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
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <h2 id={`${id}-title`}>
          {t(reassigning ? 'board.reassignTitle' : 'board.assignTitle', {
            number: view.job.number,
            customer: view.customer?.name ?? '',
          })}
        </h2>
        {reassigning && (
          <p className="job__muted">{t('board.currently', { name: view.assignee?.name ?? t('job.unknownPerson') })}</p>
        )}
        <fieldset className="assign__people">
          <legend>{t('board.technician')}</legend>
          {members.map((member) => {
            const l = load.get(member.id) ?? { count: 0, minutes: 0 };
            return (
              <label key={member.id} className="assign__person">
                <input
                  type="radio"
                  name={`${id}-who`}
                  value={member.id}
                  checked={target === member.id}
                  onChange={() => setTarget(member.id)}
                />
                <span>
                  {member.name}
                  <span className="assign__load">
                    {' '}
                    · {t('board.load', { count: l.count, hours: hours(l.minutes) })}
                  </span>
                </span>
              </label>
            );
          })}
          {reassigning && (
            <label className="assign__person">
              <input type="radio" name={`${id}-who`} value="" checked={target === ''} onChange={() => setTarget('')} />
              <span>{t('board.toTray')}</span>
            </label>
          )}
        </fieldset>
        {reassigning && (
          <div className="field">
            <label htmlFor={`${id}-note`}>{t('board.handoffNote')}</label>
            <textarea
              id={`${id}-note`}
              rows={3}
              maxLength={2000}
              value={note}
              aria-describedby={`${id}-note-hint`}
              onChange={(e) => setNote(e.target.value)}
            />
            <p id={`${id}-note-hint`} className="job__muted">
              {t('board.handoffHint')}
            </p>
          </div>
        )}
        <p className="form-error" role="alert">
          {error ?? ''}
        </p>
        <div className="job__buttons">
          <button type="submit" className="button button--primary">
            {t('board.save')}
          </button>
          <button type="button" className="button button--ghost" onClick={onClose}>
            {t('board.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
