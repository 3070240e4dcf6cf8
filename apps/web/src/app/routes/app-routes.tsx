import type { Role } from '@lastmile/domain';
import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import type { MessageKey } from '../../i18n/index.ts';
import { leadHomeModule, officeHomeModule, technicianHomeModule } from './home-modules.ts';
import { AdminOnlyScreen, NotFoundScreen, OfficeOnlyScreen, RouteLoadFailed } from './route-messages.tsx';

/**
 * The layout route above every screen but the technician home: TanStack Query and those screens'
 * English (ADR 0039). The shell asks for it once the home has shown its jobs, so the first tap
 * on a job does not wait for it.
 */
export const screensLayoutModule = () => import('./screens-layout.tsx');

/** What a route tells the shell: the screen's name, for document.title. */
export type RouteHandle = { title: MessageKey };

type Lazy = NonNullable<Extract<RouteObject['lazy'], (...args: never[]) => unknown>>;

function screen(path: string, title: MessageKey, lazy: Lazy): RouteObject {
  return { path, handle: { title } satisfies RouteHandle, lazy };
}

/** The role's start screen: technicians their day, leads the board, the office the jobs table. */
function home(role: Role): RouteObject {
  switch (role) {
    case 'technician':
      return {
        index: true,
        handle: { title: 'home.technician.title' } satisfies RouteHandle,
        lazy: async () => ({ Component: (await technicianHomeModule()).TechnicianHomeRoute }),
      };
    case 'lead':
      return {
        index: true,
        handle: { title: 'home.lead.title' } satisfies RouteHandle,
        lazy: async () => ({ Component: (await leadHomeModule()).LeadHomeRoute }),
      };
    case 'office':
    case 'admin':
      return {
        index: true,
        handle: { title: 'home.office.title' } satisfies RouteHandle,
        lazy: async () => ({ Component: (await officeHomeModule()).OfficeHomeRoute }),
      };
  }
}

/**
 * Every screen, each group its own chunk loaded on first visit (and precached by the service
 * worker, so it opens offline). Office screens opened by another role say why they are not shown
 * and never load the office's code.
 */
export function appRoutes(role: Role, Layout: ComponentType, Loading: ComponentType): RouteObject[] {
  const office = role === 'office' || role === 'admin';
  const officeOnly = (path: string, title: MessageKey, lazy: Lazy): RouteObject =>
    office
      ? screen(path, title, lazy)
      : { path, handle: { title: 'route.forbidden.title' }, Component: OfficeOnlyScreen };
  // Settings change how the whole organization works: admins only, and the screen says so to others.
  const adminOnly = (path: string, title: MessageKey, lazy: Lazy): RouteObject =>
    role === 'admin'
      ? screen(path, title, lazy)
      : { path, handle: { title: 'route.forbidden.title' }, Component: AdminOnlyScreen };
  // Reviewing is the office's, and a lead's where the organization lets leads review (the screens say so).
  const reviewer = (path: string, title: MessageKey, lazy: Lazy): RouteObject =>
    role === 'technician'
      ? { path, handle: { title: 'route.forbidden.title' }, Component: OfficeOnlyScreen }
      : screen(path, title, lazy);
  // Every screen but the technician's home sits under a lazy layout route that brings their
  // English and TanStack Query's provider, so the technician's start path loads neither (ADR 0039).
  const screens: RouteObject = {
    lazy: async () => ({ Component: (await screensLayoutModule()).ScreensLayout }),
    children: [
      ...(role === 'technician' ? [] : [home(role)]),
      screen('jobs/:id', 'route.job', async () => ({ Component: (await import('./technician.tsx')).JobRoute })),
      screen('jobs/:id/form', 'forms.title', async () => ({
        Component: (await import('./technician.tsx')).FillRoute,
      })),
      screen('items', 'items.title', async () => ({ Component: (await import('./technician.tsx')).ItemsRoute })),
      screen('inbox', 'inbox.title', async () => ({
        Component: (await import('./inbox.tsx')).InboxRoute,
      })),
      screen('changes', 'changes.title', async () => ({
        Component: (await import('./changes.tsx')).ChangesRoute,
      })),
      officeOnly('templates', 'builder.title', async () => ({
        Component: (await import('./builder.tsx')).TemplatesScreen,
      })),
      officeOnly('templates/:id', 'builder.title', async () => ({
        Component: (await import('./builder.tsx')).TemplateRoute,
      })),
      officeOnly('import', 'import.title', async () => ({
        Component: (await import('./office.tsx')).ImportScreen,
      })),
      officeOnly('office/customers', 'office.customers.title', async () => ({
        Component: (await import('./office.tsx')).CustomersScreen,
      })),
      officeOnly('office/job-types', 'office.jobTypes.title', async () => ({
        Component: (await import('./office.tsx')).JobTypesScreen,
      })),
      officeOnly('office/jobs/new', 'office.job.newTitle', async () => ({
        Component: (await import('./office.tsx')).NewJobRoute,
      })),
      officeOnly('office/jobs/:id/edit', 'route.editJob', async () => ({
        Component: (await import('./office.tsx')).EditJobRoute,
      })),
      officeOnly('admin/people', 'admin.people.title', async () => ({
        Component: (await import('./admin.tsx')).PeopleRoute,
      })),
      officeOnly('admin/teams', 'admin.teams.title', async () => ({
        Component: (await import('./admin.tsx')).TeamsRoute,
      })),
      adminOnly('admin/settings', 'admin.settings.title', async () => ({
        Component: (await import('./admin.tsx')).SettingsRoute,
      })),
      adminOnly('admin/api-keys', 'admin.apiKeys.title', async () => ({
        Component: (await import('./admin.tsx')).ApiKeysRoute,
      })),
      screen('crew', 'crew.title', async () => ({
        Component: (await import('./crew.tsx')).CrewRoute,
      })),
      adminOnly('admin/webhooks', 'admin.webhooks.title', async () => ({
        Component: (await import('./admin.tsx')).WebhooksRoute,
      })),
      screen('account/password', 'account.password.title', async () => ({
        Component: (await import('./account.tsx')).ChangePasswordRoute,
      })),
      officeOnly('office/audit', 'audit.title', async () => ({
        Component: (await import('./audit.tsx')).AuditTrailRoute,
      })),
      // Leads see their own team's drift; technicians are told why not.
      reviewer('drift', 'drift.title', async () => ({
        Component: (await import('./drift.tsx')).DriftRoute,
      })),
      officeOnly('office/devices', 'devices.title', async () => ({
        Component: (await import('./devices.tsx')).DevicesRoute,
      })),
      reviewer('review', 'review.queue.title', async () => ({
        Component: (await import('./review.tsx')).ReviewQueueRoute,
      })),
      reviewer('review/jobs/:id', 'review.screen', async () => ({
        Component: (await import('./review.tsx')).ReviewJobRoute,
      })),
    ],
  };
  const notFound: RouteObject = {
    path: '*',
    handle: { title: 'route.notFound.title' } satisfies RouteHandle,
    Component: NotFoundScreen,
  };
  return [
    {
      path: '/',
      Component: Layout,
      HydrateFallback: Loading,
      children: [
        {
          ErrorBoundary: RouteLoadFailed,
          children: role === 'technician' ? [home(role), screens, notFound] : [screens, notFound],
        },
      ],
    },
  ];
}
