import { InboxScreen } from '../../features/inbox/inbox-screen.tsx';

/** The person's inbox: every role has one. */
export function InboxRoute() {
  return <InboxScreen />;
}
