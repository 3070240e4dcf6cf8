import { mentionedPeople, newId, type FoundPerson, type SessionInfo } from '@lastmile/domain';
import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useMemo, useRef, useState } from 'react';
import { PhotoGallery } from '../../attachments/photo-gallery.tsx';
import { captionPhoto, deletePhoto } from '../../attachments/photo-actions.ts';
import { refusedLines, useStorePhotos } from '../../attachments/use-store-photos.ts';
import { useJobPhotos, type PhotoView } from '../../attachments/use-photos.ts';
import { formatDay, formatTime, useT } from '../../i18n/index.ts';
import { useAppDb } from '../../local-db/app-db-context.tsx';
import { useSync } from '../../sync/sync-context.tsx';
import { refusalMessage } from '../../sync/refusal.ts';
import { useJobThread } from '../../jobs/use-job.ts';
import { useJobPeople } from '../../jobs/use-job-people.ts';
import { insertMention, mentionAt, mentionCandidates } from '../../inbox/mentions.ts';
import { OutsidePeople, useFoundPersonName } from '../../people/outside-people.tsx';
import { rememberChosen } from '../../people/chosen-people.ts';
import { searchesOutsideTeam, useOutsideSearch } from '../../people/people-search.ts';

/**
 * Handoff notes, questions and replies, with photos ("is this the valve you mean?"), attached to
 * the job and written offline like anything else.
 */
export function JobThread({ session, jobId }: { session: SessionInfo; jobId: string }) {
  const t = useT();
  const db = useAppDb();
  const sync = useSync();
  const thread = useJobThread(db, jobId);
  // An author from another team (a job handed over) is named by the server while online.
  const named = useJobPeople(
    jobId,
    (thread ?? []).filter((e) => !e.author).map((e) => e.message.authorId),
  );
  const photos = useJobPhotos(db, jobId);
  const store = useStorePhotos();
  const byMessage = useMemo(() => {
    const map = new Map<string, PhotoView[]>();
    for (const view of photos ?? []) {
      if (view.row.kind !== 'message' || !view.row.messageId) continue;
      map.set(view.row.messageId, [...(map.get(view.row.messageId) ?? []), view]);
    }
    return map;
  }, [photos]);
  const [files, setFiles] = useState<File[]>([]);
  const [inputKey, setInputKey] = useState(0);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [caret, setCaret] = useState(0);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const headingId = useId();
  // Typing @ and the start of a name offers the people on the device: on a phone its team and the
  // office (ADR 0051), at the office everyone; then, online, the organization's other people.
  const people = useLiveQuery(async () => (await db.users.toArray()).filter((u) => u.active), [db]);
  const onDevice = useMemo(() => new Set((people ?? []).map((p) => p.id)), [people]);
  const mention = mentionAt(body, caret);
  const suggestions = mention && people ? mentionCandidates(people, mention.query) : [];
  // A phone holds its team and the office; the office holds everyone and has no one to search for.
  const searchesOutside = searchesOutsideTeam(session.user.role);
  const outside = useOutsideSearch(mention && searchesOutside ? mention.query : null, onDevice);
  const foundName = useFoundPersonName();
  // People picked from the search: the server tells them only because they were picked (by id).
  const [picked, setPicked] = useState<readonly FoundPerson[]>([]);

  function mentionPerson(name: string, found?: FoundPerson) {
    if (!mention) return;
    if (found) {
      rememberChosen(found);
      setPicked((all) => [...all.filter((p) => p.id !== found.id), found]);
    }
    const next = insertMention(body, caret, mention, name);
    setBody(next.text);
    setCaret(next.caret);
    requestAnimationFrame(() => {
      textarea.current?.focus();
      textarea.current?.setSelectionRange(next.caret, next.caret);
    });
  }

  async function send() {
    const text = body.trim() || (files.length > 0 ? t('job.thread.photoOnly') : '');
    if (!text) {
      setError(t('job.thread.empty'));
      return;
    }
    try {
      const messageId = newId();
      // Those picked whom the text still names (one deleted since is not told).
      const mentionIds = mentionedPeople(text, picked).map((p) => p.id);
      await sync.mutate('postJobMessage', {
        id: messageId,
        jobId,
        body: text,
        ...(mentionIds.length > 0 ? { mentionIds } : {}),
      });
      const result = files.length ? await store(files, { kind: 'message', jobId, messageId }) : null;
      setBody('');
      setPicked([]);
      setFiles([]);
      setInputKey((k) => k + 1);
      setError(result ? refusedLines(result, t) : null);
    } catch (e) {
      setError(refusalMessage(e, t('job.error.unexpected')));
    }
  }

  return (
    <section className="job__thread" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('job.thread.title')}</h2>
      {thread && thread.length === 0 && <p className="job__muted">{t('job.thread.none')}</p>}
      {thread && thread.length > 0 && (
        <ol className="thread">
          {thread.map(({ message, author }) => (
            <li
              key={message.id}
              className={message.kind === 'handoff' ? 'thread__entry thread__entry--handoff' : 'thread__entry'}
            >
              <p className="thread__meta">
                {message.kind === 'handoff' && <strong>{t('job.thread.handoff')} · </strong>}
                {author?.name ?? named.get(message.authorId)?.name ?? t('job.unknownPerson')} ·{' '}
                <time dateTime={message.createdAt}>
                  {formatDay(message.createdAt)} {formatTime(message.createdAt)}
                </time>
              </p>
              <p className="job__pre">{message.body}</p>
              {byMessage.has(message.id) && (
                <PhotoGallery
                  db={db}
                  views={byMessage.get(message.id) ?? []}
                  canEdit={(view) => view.row.capturedBy === session.user.id}
                  onDelete={(view) => deletePhoto(db, sync, view.row.id)}
                  onCaption={(view, caption) => captionPhoto(sync, view.row.id, caption)}
                />
              )}
            </li>
          ))}
        </ol>
      )}
      <form
        className="thread__form"
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
      >
        <div className="field">
          <label htmlFor={`${headingId}-message`}>{t('job.thread.message')}</label>
          <span id={`${headingId}-mention-hint`} className="field__hint">
            {t('inbox.mentionHint')}
          </span>
          <textarea
            ref={textarea}
            id={`${headingId}-message`}
            rows={2}
            maxLength={5000}
            value={body}
            aria-describedby={`${headingId}-mention-hint`}
            onChange={(e) => {
              setBody(e.target.value);
              setCaret(e.target.selectionStart);
            }}
            onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
          />
          {suggestions.length > 0 && (
            <ul className="thread__mentions" aria-label={t('inbox.mentionSuggestions')}>
              {suggestions.map((person) => (
                <li key={person.id}>
                  <button type="button" className="button button--ghost" onClick={() => mentionPerson(person.name)}>
                    {t('inbox.mention', { name: person.name })}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {mention && searchesOutside && (
            <OutsidePeople
              search={outside}
              quietWhenNone={suggestions.length > 0}
              action={(person) => t('inbox.mentionOutside', { name: foundName(person) })}
              onPick={(person) => mentionPerson(person.name, person)}
            />
          )}
        </div>
        <div className="field">
          <label htmlFor={`${headingId}-photos`}>{t('job.thread.attach')}</label>
          <input
            key={inputKey}
            id={`${headingId}-photos`}
            type="file"
            accept="image/*"
            multiple
            onChange={(event) => setFiles([...(event.currentTarget.files ?? [])])}
          />
          {files.length > 0 && <p className="job__muted">{t('photos.count', { count: files.length })}</p>}
        </div>
        <button type="submit" className="button button--primary">
          {t('job.thread.send')}
        </button>
      </form>
      <p className="form-error" role="alert">
        {error ?? ''}
      </p>
    </section>
  );
}
