import '../../i18n/screens-messages.ts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Outlet } from 'react-router';
import { onForgetServerAnswers } from '../session/server-answers.ts';

// What every screen but the technician home shares and the start path does without (ADR 0039):
// the English of those screens (screens-messages.ts), and one cache for the server's answers
// over REST (office, review, admin, audit, drift, devices, the job's answer history…). The
// sign-in page and the technician home read only IndexedDB and never download TanStack Query.
const queryClient = new QueryClient();
onForgetServerAnswers(() => queryClient.clear());

/** The layout route above every screen except the technician home (routes/app-routes.tsx). */
export function ScreensLayout() {
  return (
    <QueryClientProvider client={queryClient}>
      <Outlet />
    </QueryClientProvider>
  );
}
