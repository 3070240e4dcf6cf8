import { useCallback, useState } from 'react';

export type Submission<Input> = {
  submit: (input: Input) => void;
  pending: boolean;
  /** What the last attempt failed with; cleared when the next one starts. */
  error: Error | null;
};

/**
 * A form's one request in flight, its pending flag and its error: all the signed-out screens
 * need of a mutation library, which stays off the start path (ADR 0039). `run` resolves once
 * everything that follows success is done (the session is stored), or rejects with the reason.
 */
export function useSubmission<Input>(run: (input: Input) => Promise<void>): Submission<Input> {
  const [state, setState] = useState<{ pending: boolean; error: Error | null }>({ pending: false, error: null });
  const submit = useCallback(
    (input: Input) => {
      setState({ pending: true, error: null });
      run(input).then(
        () => setState({ pending: false, error: null }),
        (error: unknown) =>
          setState({ pending: false, error: error instanceof Error ? error : new Error(String(error)) }),
      );
    },
    [run],
  );
  return { submit, pending: state.pending, error: state.error };
}
