import { useParams } from 'react-router';
import { FillScreen } from '../../features/forms/fill/fill-screen.tsx';
import { ItemsScreen } from '../../features/items/items-screen.tsx';
import { JobScreen } from '../../features/job/job-screen.tsx';
import { useSignedInSession } from '../signed-in-session.ts';

export function JobRoute() {
  const { id = '' } = useParams();
  return <JobScreen key={id} session={useSignedInSession()} jobId={id} />;
}

export function FillRoute() {
  const { id = '' } = useParams();
  return <FillScreen key={id} session={useSignedInSession()} jobId={id} />;
}

export function ItemsRoute() {
  return <ItemsScreen session={useSignedInSession()} />;
}
