import '../../i18n/office-messages.ts';
export { OfficeJobsScreen as OfficeHomeRoute } from '../../features/office/office-jobs-screen.tsx';
