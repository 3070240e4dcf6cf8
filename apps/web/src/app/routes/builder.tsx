import '../../i18n/office-messages.ts';
import { useParams } from 'react-router';
import { TemplateScreen } from '../../features/forms/builder/template-screen.tsx';

export { TemplatesScreen } from '../../features/forms/builder/templates-screen.tsx';

export function TemplateRoute() {
  const { id = '' } = useParams();
  return <TemplateScreen key={id} templateId={id} />;
}
