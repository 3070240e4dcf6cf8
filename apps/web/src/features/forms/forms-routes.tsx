import type { SessionInfo } from '@lastmile/domain';
import { matchPath } from '../../app/router.ts';
import { TemplateScreen } from './builder/template-screen.tsx';
import { TemplatesScreen } from './builder/templates-screen.tsx';
import { FillScreen } from './fill/fill-screen.tsx';

/** The forms screens by path: filling a job's form (everyone), the template builder (office/admin). */
export function formsScreen(path: string, session: SessionInfo) {
  const fill = matchPath('/jobs/:id/form', path);
  if (fill) return <FillScreen key={fill['id']} session={session} jobId={fill['id']!} />;
  if (session.user.role !== 'office' && session.user.role !== 'admin') return null;
  if (path === '/templates') return <TemplatesScreen />;
  const template = matchPath('/templates/:id', path);
  if (template) return <TemplateScreen key={template['id']} templateId={template['id']!} />;
  return null;
}
