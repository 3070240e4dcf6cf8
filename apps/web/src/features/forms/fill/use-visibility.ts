import { useMemo } from 'react';
import { entryFieldKey, evaluateVisibility, type Answers, type TemplateDefinition } from '@lastmile/domain';

export type Visibility = {
  isVisible: (key: string) => boolean;
  /** A child of a repeatable group in one entry (a child's condition may read its siblings). */
  isChildVisible: (groupKey: string, entry: number, childKey: string) => boolean;
};

/**
 * The visible sections and fields for these answers, re-evaluated when the answers change (one
 * pass over the definition; the form's rows are memoized, so only what changed re-renders).
 */
export function useVisibility(definition: TemplateDefinition, answers: Answers): Visibility {
  return useMemo(() => {
    const visible = evaluateVisibility(definition, answers);
    return {
      isVisible: (key) => visible.has(key),
      isChildVisible: (group, entry, child) => visible.has(entryFieldKey(group, entry, child)),
    };
  }, [definition, answers]);
}
