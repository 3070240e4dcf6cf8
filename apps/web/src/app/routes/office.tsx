import '../../i18n/office-messages.ts';
import { useParams } from 'react-router';
import { CustomersScreen } from '../../features/office/customers-screen.tsx';
import { ImportScreen } from '../../features/office/import-screen.tsx';
import { JobFormScreen } from '../../features/office/job-form-screen.tsx';
import { JobTypesScreen } from '../../features/office/job-types-screen.tsx';

export { CustomersScreen, ImportScreen, JobTypesScreen };

export function NewJobRoute() {
  return <JobFormScreen />;
}

export function EditJobRoute() {
  const { id = '' } = useParams();
  return <JobFormScreen key={id} jobId={id} />;
}
