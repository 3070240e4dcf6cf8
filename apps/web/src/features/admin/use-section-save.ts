import { useState } from 'react';
import { useRefreshAdmin } from './admin-api.ts';
import { adminProblem } from './admin-errors.ts';

/**
 * What every settings section does when it saves: one request at a time, its problem or its
 * notice (for the section's alert and status regions), then the server's copy read again.
 */
export function useSectionSave(refreshKey: readonly string[]) {
  const refresh = useRefreshAdmin();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  /** `saved`: the notice, or how to word it from the server's answer ("3 jobs left…"). */
  async function save<R>(request: () => Promise<R>, saved: string | ((result: R) => string)): Promise<void> {
    setBusy(true);
    setProblem(null);
    setNotice(null);
    try {
      const result = await request();
      setNotice(typeof saved === 'string' ? saved : saved(result));
      await refresh(refreshKey);
    } catch (error) {
      setProblem(adminProblem(error));
    } finally {
      setBusy(false);
    }
  }
  return { busy, problem, notice, save };
}
