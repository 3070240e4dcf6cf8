import type { Answers } from './answers.ts';

/**
 * Values the person just entered, shown before IndexedDB's live query reports them back. An
 * override is dropped once the stored value equals it, so a later change by someone else (sync)
 * shows instead of a stale local copy.
 */
export function settledOverrides(overrides: Answers, stored: Answers): Answers {
  let changed = false;
  const next: Record<string, Answers[string]> = {};
  for (const [key, value] of Object.entries(overrides)) {
    if (sameValue(value, stored[key])) changed = true;
    else next[key] = value;
  }
  return changed ? next : overrides;
}

export function mergeAnswers(stored: Answers, overrides: Answers): Answers {
  return Object.keys(overrides).length === 0 ? stored : { ...stored, ...overrides };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
