import type { SessionInfo } from '@lastmile/domain';
import { createContext, useContext } from 'react';

/** The signed-in person, for route screens (the router renders them, not the shell). */
export const SignedInSessionContext = createContext<SessionInfo | null>(null);

export function useSignedInSession(): SessionInfo {
  const session = useContext(SignedInSessionContext);
  if (!session) throw new Error('useSignedInSession outside the signed-in shell');
  return session;
}
