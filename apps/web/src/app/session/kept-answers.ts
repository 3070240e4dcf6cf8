import { onForgetServerAnswers } from './server-answers.ts';

/**
 * Server answers kept in memory, one per key, shared by every caller that asks within `keepMs`
 * (one request for every component showing the same thing). A failed answer is forgotten at once,
 * so the next caller asks again; a session that ends forgets them all (`forgetServerAnswers`). No
 * zod and no React: the technician home's start path may use it (ADR 0039). For what the screens
 * without TanStack Query need to ask (jobs/use-job-people.ts, people/people-search.ts).
 */
export function keptAnswers<T>(keepMs: number): (key: string, ask: () => Promise<T>) => Promise<T> {
  const kept = new Map<string, { at: number; answer: Promise<T> }>();
  onForgetServerAnswers(() => kept.clear());
  return (key, ask) => {
    const found = kept.get(key);
    if (found && Date.now() - found.at < keepMs) return found.answer;
    const answer = ask();
    kept.set(key, { at: Date.now(), answer });
    answer.catch(() => {
      if (kept.get(key)?.answer === answer) kept.delete(key);
    });
    return answer;
  };
}
