export { OfficeJobsScreen as OfficeHomeRoute } from '../../features/office/office-jobs-screen.tsx';
