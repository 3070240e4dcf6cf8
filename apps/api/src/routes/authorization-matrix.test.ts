import { createHash, randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '@lastmile/sync';
import { syncClients, writeInOrg } from '@lastmile/sync/server';
import { eq } from 'drizzle-orm';
import { createCustomer } from '../services/create-customer.ts';
import { createJobType } from '../services/create-job-type.ts';
import { createSite } from '../services/create-site.ts';
import { createBlobStore } from '../attachments/storage/create-blob-store.ts';
import {
  attachments,
  devices,
  formResponses,
  jobs,
  webhookDeliveries,
  webhookEvents,
  webhookSubscriptions,
} from '../db/schema/index.ts';
import { createJob } from '../services/create-job.ts';
import { createTemplate, publishTemplate } from '../services/form-templates.ts';
import {
  createTestApp,
  errorBody,
  sessionFor,
  TEST_PASSWORD,
  type Credentials,
  type Fixtures,
  type TestApp,
} from '../test/test-app.ts';
import { apiKeyFor } from '../test/api-keys.ts';

/**
 * Who may call what. One row per route; each row gives the status every kind of caller must get.
 * `otherOrg` is an admin of ANOTHER organization acting on organization A's data: the most
 * privileged outsider, so it proves tenant isolation. Adding a route = adding a row here.
 */
const CALLERS = ['technician', 'lead', 'office', 'admin', 'anonymous', 'otherOrg'] as const;
type Caller = (typeof CALLERS)[number];
/**
 * Organization API keys (ADR 0031), sent without any cookie: organization A's read-only and
 * read-write keys, and a read-write key of ANOTHER organization. Every /api/v1 row names them;
 * on every other row a key is worth exactly as much as nothing (the anonymous caller's status).
 */
const KEY_CALLERS = ['readKey', 'writeKey', 'otherOrgKey'] as const;
type KeyCaller = (typeof KEY_CALLERS)[number];

type Row = {
  route: string;
  /** Built per call, so rows can point at fixture ids (users, jobs, … of organization A). */
  request: (f: Fixtures) => InjectOptions;
  /** Only on /api/v1 rows: what each API key gets. */
  keys?: Record<KeyCaller, number>;
} & (
  | { expect: Record<Caller, number> }
  /** Only when some callers cannot be checked through inject(); say where they are covered. */
  | { expect: Partial<Record<Caller, number>>; partial: string }
);

/** Reference rows of organization A for the office routes' rows (made in beforeAll). */
const officeRefs = { customerId: '', siteId: '', jobTypeId: '', jobTypeName: 'Matrix type' };
const OFFICE_ONLY = { technician: 403, lead: 403, office: 200, admin: 200, anonymous: 401, otherOrg: 200 };
const CREATED_BY_OFFICE = { ...OFFICE_ONLY, office: 201, admin: 201, otherOrg: 201 };
/** Another organization's admin editing organization A's row: reported as missing. */
const EDITED_BY_OFFICE = { ...OFFICE_ONLY, otherOrg: 404 };
const importCsv = () =>
  `external_ref,title,job_type,customer,site_address,scheduled_start\nMX-1,Matrix job,${officeRefs.jobTypeName},Matrix customer,1 Matrix Road,2030-01-02 08:00\n`;

/** A published template and a form response on a job of team A, for the forms routes' rows. */
const formRefs = { templateId: '', responseId: '', jobId: '', versionId: '' };
/** A job of team A and a device of organization A's technician, for the audit routes' rows. */
const auditRefs = { jobId: '', clientId: `matrix-device-${randomUUID().slice(0, 8)}` };
/** A registered device of organization A's technician, for the device registry's rows. */
const deviceRefs = { id: randomUUID() };
/** Organization A's key the revoke row revokes, and the keys the API rows are called with. */
const keyRefs = { revokedId: '', headers: {} as Record<KeyCaller, { authorization: string }> };
/** A webhook subscription of organization A with one settled delivery, and a second one to delete. */
const webhookRefs = { id: randomUUID(), deleteId: randomUUID(), deliveryId: randomUUID() };
const ADMIN_ONLY = { technician: 403, lead: 403, office: 403, admin: 200, anonymous: 401, otherOrg: 404 };
/** Audit timelines: the office and admins; a lead for their team's jobs only; nobody outside the organization. */
const AUDIT_READ = { technician: 403, lead: 403, office: 200, admin: 200, anonymous: 401, otherOrg: 404 };
/** A verified photo and one whose bytes have not arrived, both taken by organization A's technician on its job. */
const photoRefs = { available: '', pending: '' };
const TUS = { 'tus-resumable': '1.0.0' };
const JPEG_BYTES = Buffer.from([0xff, 0xd8, 0xff, 0xe0]);
const PHOTO_SEEN_BY_JOB = { technician: 200, lead: 200, office: 200, admin: 200, anonymous: 401, otherOrg: 404 };
const matrixDefinition = {
  sections: [
    {
      key: 'checks',
      title: 'Checks',
      fields: [{ key: 'pressure', label: 'Pressure', type: 'number', unit: 'bar', min: 0, max: 4, decimals: 1 }],
    },
  ],
};
const PUBLISHED_BY_OFFICE = { ...OFFICE_ONLY, office: 201, admin: 201, otherOrg: 404 };

/** Admin-only edits of organization A's people and teams; another organization's admin finds nothing. */
const ADMIN_EDITS = { technician: 403, lead: 403, office: 403, admin: 200, anonymous: 401, otherOrg: 404 };

const ONE_PIXEL_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** /api/v1 opens to API keys only: every browser session, of any role, is refused. */
const NO_SESSION = { technician: 401, lead: 401, office: 401, admin: 401, anonymous: 401, otherOrg: 401 };
/** A read of organization A's lists: another organization's key gets its own (empty) lists. */
const KEY_LIST = { readKey: 200, writeKey: 200, otherOrgKey: 200 };
/** A read of one row of organization A: another organization's key finds nothing. */
const KEY_ROW = { readKey: 200, writeKey: 200, otherOrgKey: 404 };
/** A change of one row of organization A. */
const KEY_EDIT = { readKey: 403, writeKey: 200, otherOrgKey: 404 };
/** The job the API's cancel row cancels (one that nothing else touches). */
const v1Refs = { cancelJobId: '' };
const v1Job = () => ({
  jobTypeId: officeRefs.jobTypeId,
  customerId: officeRefs.customerId,
  siteId: officeRefs.siteId,
  teamId: null,
  assigneeId: null,
  priority: 'normal',
  scheduledStart: '2030-02-01T08:00:00.000Z',
  scheduledEnd: '2030-02-01T09:00:00.000Z',
  title: 'Matrix API job',
  notes: '',
  externalRef: null,
});

const ANYONE_SIGNED_IN = { technician: 200, lead: 200, office: 200, admin: 200, anonymous: 401, otherOrg: 200 };

const MATRIX: Row[] = [
  {
    route: 'GET /api/health',
    request: () => ({ method: 'GET', url: '/api/health' }),
    expect: { technician: 200, lead: 200, office: 200, admin: 200, anonymous: 200, otherOrg: 200 },
  },
  {
    route: 'GET /api/ready',
    request: () => ({ method: 'GET', url: '/api/ready' }),
    expect: { technician: 200, lead: 200, office: 200, admin: 200, anonymous: 200, otherOrg: 200 },
  },
  {
    // Public: whoever is (or is not) signed in on this browser may sign in as someone.
    route: 'POST /api/auth/sign-in',
    request: (f) => ({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: f.orgA.users.technician.email, password: TEST_PASSWORD },
    }),
    expect: { technician: 200, lead: 200, office: 200, admin: 200, anonymous: 200, otherOrg: 200 },
  },
  { route: 'GET /api/auth/me', request: () => ({ method: 'GET', url: '/api/auth/me' }), expect: ANYONE_SIGNED_IN },
  {
    route: 'POST /api/auth/sign-out',
    request: () => ({ method: 'POST', url: '/api/auth/sign-out' }),
    expect: { ...ANYONE_SIGNED_IN, technician: 204, lead: 204, office: 204, admin: 204, otherOrg: 204 },
  },
  {
    route: 'POST /api/admin/sessions/revoke-user/:userId',
    request: (f) => ({ method: 'POST', url: `/api/admin/sessions/revoke-user/${f.orgA.users.victim.id}` }),
    expect: { technician: 403, lead: 403, office: 403, admin: 200, anonymous: 401, otherOrg: 404 },
  },
  {
    // Another organization's admin lists their own organization's devices (none of A's).
    route: 'GET /api/admin/devices',
    request: () => ({ method: 'GET', url: '/api/admin/devices' }),
    expect: { technician: 403, lead: 403, office: 403, admin: 200, anonymous: 401, otherOrg: 200 },
  },
  {
    // Idempotent: the first admin call revokes organization A's device, any later one changes nothing.
    route: 'POST /api/admin/devices/:id/revoke',
    request: () => ({
      method: 'POST',
      url: `/api/admin/devices/${deviceRefs.id}/revoke`,
      payload: { reason: 'Matrix: lost phone' },
    }),
    expect: { technician: 403, lead: 403, office: 403, admin: 200, anonymous: 401, otherOrg: 404 },
  },
  {
    // Crew mode: office staff and admins have no crew; field roles get as far as the device check
    // (these sessions never synced with this client id), which the crew tests pass (crew.test.ts).
    route: 'POST /api/auth/crew',
    request: (f) => ({
      method: 'POST',
      url: '/api/auth/crew',
      payload: { clientId: 'matrix-crew-client', email: f.orgA.users.victim.email, password: TEST_PASSWORD },
    }),
    expect: { technician: 409, lead: 409, office: 403, admin: 403, anonymous: 401, otherOrg: 403 },
  },
  {
    route: 'GET /api/auth/crew',
    request: () => ({ method: 'GET', url: '/api/auth/crew?clientId=matrix-crew-client' }),
    expect: { technician: 409, lead: 409, office: 409, admin: 409, anonymous: 401, otherOrg: 409 },
  },
  {
    route: 'POST /api/auth/crew/leave',
    request: (f) => ({
      method: 'POST',
      url: '/api/auth/crew/leave',
      payload: { clientId: 'matrix-crew-client', userId: f.orgA.users.victim.id },
    }),
    expect: { technician: 409, lead: 409, office: 409, admin: 409, anonymous: 401, otherOrg: 409 },
  },
  {
    route: 'GET /api/admin/api-keys',
    request: () => ({ method: 'GET', url: '/api/admin/api-keys' }),
    expect: { technician: 403, lead: 403, office: 403, admin: 200, anonymous: 401, otherOrg: 200 },
  },
  {
    // Another organization's admin creates a key of their own organization.
    route: 'POST /api/admin/api-keys',
    request: () => ({ method: 'POST', url: '/api/admin/api-keys', payload: { name: 'Matrix ERP', scopes: ['read'] } }),
    expect: { technician: 403, lead: 403, office: 403, admin: 201, anonymous: 401, otherOrg: 201 },
  },
  {
    // Idempotent: the first admin call revokes organization A's key, a later one changes nothing.
    route: 'POST /api/admin/api-keys/:id/revoke',
    request: () => ({ method: 'POST', url: `/api/admin/api-keys/${keyRefs.revokedId}/revoke` }),
    expect: { technician: 403, lead: 403, office: 403, admin: 200, anonymous: 401, otherOrg: 404 },
  },
  {
    route: 'GET /api/v1/jobs',
    request: () => ({ method: 'GET', url: '/api/v1/jobs' }),
    expect: NO_SESSION,
    keys: KEY_LIST,
  },
  {
    route: 'GET /api/v1/jobs/:id',
    request: () => ({ method: 'GET', url: `/api/v1/jobs/${formRefs.jobId}` }),
    expect: NO_SESSION,
    keys: KEY_ROW,
  },
  {
    // Another organization's key names organization A's customer, site and type: unknown to it.
    route: 'POST /api/v1/jobs',
    request: () => ({ method: 'POST', url: '/api/v1/jobs', payload: v1Job() }),
    expect: NO_SESSION,
    keys: { readKey: 403, writeKey: 201, otherOrgKey: 400 },
  },
  {
    route: 'PATCH /api/v1/jobs/:id',
    request: () => ({ method: 'PATCH', url: `/api/v1/jobs/${formRefs.jobId}`, payload: { priority: 'high' } }),
    expect: NO_SESSION,
    keys: KEY_EDIT,
  },
  {
    route: 'POST /api/v1/jobs/:id/cancel',
    request: () => ({
      method: 'POST',
      url: `/api/v1/jobs/${v1Refs.cancelJobId}/cancel`,
      payload: { reason: 'Matrix: called off' },
    }),
    expect: NO_SESSION,
    keys: KEY_EDIT,
  },
  ...(['customers', 'sites', 'outstanding-items', 'submissions'] as const).map((list) => ({
    route: `GET /api/v1/${list}`,
    request: () => ({ method: 'GET' as const, url: `/api/v1/${list}` }),
    expect: NO_SESSION,
    keys: KEY_LIST,
  })),
  {
    route: 'GET /api/v1/attachments/:id',
    request: () => ({ method: 'GET', url: `/api/v1/attachments/${photoRefs.available}` }),
    expect: NO_SESSION,
    keys: KEY_ROW,
  },
  {
    route: 'GET /api/v1/attachments/:id/thumbnail',
    request: () => ({ method: 'GET', url: `/api/v1/attachments/${photoRefs.available}/thumbnail` }),
    expect: NO_SESSION,
    keys: KEY_ROW,
  },
  {
    // Another organization's admin lists their own organization's subscriptions (none of A's).
    route: 'GET /api/admin/webhooks',
    request: () => ({ method: 'GET', url: '/api/admin/webhooks' }),
    expect: { ...ADMIN_ONLY, otherOrg: 200 },
  },
  {
    // Another organization's admin subscribes in their own organization.
    route: 'POST /api/admin/webhooks',
    request: () => ({
      method: 'POST',
      url: '/api/admin/webhooks',
      payload: { url: 'https://hooks.example.com/matrix', eventTypes: ['job.created'] },
    }),
    expect: { ...ADMIN_ONLY, admin: 201, otherOrg: 201 },
  },
  {
    route: 'PATCH /api/admin/webhooks/:id',
    request: () => ({
      method: 'PATCH',
      url: `/api/admin/webhooks/${webhookRefs.id}`,
      payload: { description: 'Matrix' },
    }),
    expect: ADMIN_ONLY,
  },
  {
    route: 'DELETE /api/admin/webhooks/:id',
    request: () => ({ method: 'DELETE', url: `/api/admin/webhooks/${webhookRefs.deleteId}` }),
    expect: { ...ADMIN_ONLY, admin: 204 },
  },
  {
    route: 'POST /api/admin/webhooks/:id/rotate-secret',
    request: () => ({ method: 'POST', url: `/api/admin/webhooks/${webhookRefs.id}/rotate-secret` }),
    expect: ADMIN_ONLY,
  },
  {
    route: 'GET /api/admin/webhooks/:id/deliveries',
    request: () => ({ method: 'GET', url: `/api/admin/webhooks/${webhookRefs.id}/deliveries` }),
    expect: ADMIN_ONLY,
  },
  {
    // The admin's call queues the settled delivery again (202); the other organization's finds nothing.
    route: 'POST /api/admin/webhooks/:id/deliveries/:deliveryId/redeliver',
    request: () => ({
      method: 'POST',
      url: `/api/admin/webhooks/${webhookRefs.id}/deliveries/${webhookRefs.deliveryId}/redeliver`,
    }),
    expect: { ...ADMIN_ONLY, admin: 202 },
  },
  {
    // A wrong current password: every signed-in caller gets as far as the check, nothing changes.
    route: 'POST /api/auth/password',
    request: () => ({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: 'not-the-password', newPassword: 'a long enough password' },
    }),
    expect: { technician: 400, lead: 400, office: 400, admin: 400, anonymous: 401, otherOrg: 400 },
  },
  {
    route: 'GET /api/admin/users',
    request: () => ({ method: 'GET', url: '/api/admin/users' }),
    expect: OFFICE_ONLY,
  },
  {
    route: 'PATCH /api/admin/users/:id',
    request: (f) => ({
      method: 'PATCH',
      url: `/api/admin/users/${f.orgA.users.victim.id}`,
      payload: { name: 'victim' },
    }),
    expect: ADMIN_EDITS,
  },
  {
    route: 'POST /api/admin/users/:id/deactivate',
    request: (f) => ({ method: 'POST', url: `/api/admin/users/${f.orgA.users.victim.id}/deactivate` }),
    expect: ADMIN_EDITS,
  },
  {
    route: 'POST /api/admin/users/:id/reactivate',
    request: (f) => ({ method: 'POST', url: `/api/admin/users/${f.orgA.users.victim.id}/reactivate` }),
    expect: ADMIN_EDITS,
  },
  {
    // Another organization's admin invites into their own organization; a new email every call.
    route: 'POST /api/admin/users/invite',
    request: () => ({
      method: 'POST',
      url: '/api/admin/users/invite',
      payload: { name: 'Invitee', email: `invitee-${randomUUID()}@a.test`, role: 'technician', teamId: null },
    }),
    expect: { ...ADMIN_EDITS, admin: 201, otherOrg: 201 },
  },
  {
    route: 'POST /api/admin/users/:id/password-reset',
    request: (f) => ({ method: 'POST', url: `/api/admin/users/${f.orgA.users.victim.id}/password-reset` }),
    expect: ADMIN_EDITS,
  },
  {
    // Public: the link's token is the only credential; an unknown one opens nothing for anyone.
    route: 'POST /api/auth/set-password',
    request: () => ({
      method: 'POST',
      url: '/api/auth/set-password',
      payload: { token: 'x'.repeat(43), password: 'a long enough password' },
    }),
    expect: { technician: 404, lead: 404, office: 404, admin: 404, anonymous: 404, otherOrg: 404 },
  },
  {
    route: 'GET /api/admin/teams',
    request: () => ({ method: 'GET', url: '/api/admin/teams' }),
    expect: OFFICE_ONLY,
  },
  {
    // Another organization's admin creates the team in their own organization.
    route: 'POST /api/admin/teams',
    request: () => ({ method: 'POST', url: '/api/admin/teams', payload: { name: 'Matrix team' } }),
    expect: { ...ADMIN_EDITS, admin: 201, otherOrg: 201 },
  },
  {
    route: 'PATCH /api/admin/teams/:id',
    request: (f) => ({ method: 'PATCH', url: `/api/admin/teams/${f.orgA.teamId}`, payload: { name: 'Team A' } }),
    expect: ADMIN_EDITS,
  },
  {
    // The team's own lead stays its lead: the call changes nothing for organization A's fixtures.
    route: 'PUT /api/admin/teams/:id/lead',
    request: (f) => ({
      method: 'PUT',
      url: `/api/admin/teams/${f.orgA.teamId}/lead`,
      payload: { userId: f.orgA.users.lead.id },
    }),
    expect: ADMIN_EDITS,
  },
  {
    route: 'GET /api/admin/settings/photos',
    request: () => ({ method: 'GET', url: '/api/admin/settings/photos' }),
    expect: { technician: 403, lead: 403, office: 200, admin: 200, anonymous: 401, otherOrg: 200 },
  },
  {
    // Another organization's admin changes only their own organization's settings.
    route: 'PUT /api/admin/settings/photos',
    request: () => ({ method: 'PUT', url: '/api/admin/settings/photos', payload: { maxPerJob: 150 } }),
    expect: { technician: 403, lead: 403, office: 403, admin: 200, anonymous: 401, otherOrg: 200 },
  },
  {
    route: 'GET /api/admin/settings/crew',
    request: () => ({ method: 'GET', url: '/api/admin/settings/crew' }),
    expect: { technician: 403, lead: 403, office: 200, admin: 200, anonymous: 401, otherOrg: 200 },
  },
  {
    // Another organization's admin changes only their own organization's idle time.
    route: 'PUT /api/admin/settings/crew',
    request: () => ({ method: 'PUT', url: '/api/admin/settings/crew', payload: { idleMinutes: 15 } }),
    expect: { technician: 403, lead: 403, office: 403, admin: 200, anonymous: 401, otherOrg: 200 },
  },
  {
    route: 'GET /api/admin/settings/office-window',
    request: () => ({ method: 'GET', url: '/api/admin/settings/office-window' }),
    expect: { technician: 403, lead: 403, office: 200, admin: 200, anonymous: 401, otherOrg: 200 },
  },
  {
    // Another organization's admin changes only their own organization's window.
    route: 'PUT /api/admin/settings/office-window',
    request: () => ({ method: 'PUT', url: '/api/admin/settings/office-window', payload: { closedDays: 120 } }),
    expect: { technician: 403, lead: 403, office: 403, admin: 200, anonymous: 401, otherOrg: 200 },
  },
  {
    // Another organization's admin sweeps only their own organization.
    route: 'POST /api/admin/settings/office-window/sweep',
    request: () => ({ method: 'POST', url: '/api/admin/settings/office-window/sweep' }),
    expect: { technician: 403, lead: 403, office: 403, admin: 200, anonymous: 401, otherOrg: 200 },
  },
  {
    route: 'GET /api/admin/settings/organization',
    request: () => ({ method: 'GET', url: '/api/admin/settings/organization' }),
    expect: { technician: 403, lead: 403, office: 200, admin: 200, anonymous: 401, otherOrg: 200 },
  },
  {
    // Another organization's admin changes only their own organization (to the default language).
    route: 'PATCH /api/admin/settings/organization',
    request: () => ({ method: 'PATCH', url: '/api/admin/settings/organization', payload: { locale: 'en' } }),
    expect: { technician: 403, lead: 403, office: 403, admin: 200, anonymous: 401, otherOrg: 200 },
  },
  // The three logo rows run in this order: set (each admin their own organization's), read, remove.
  {
    route: 'PUT /api/admin/settings/organization/logo',
    request: () => ({
      method: 'PUT',
      url: '/api/admin/settings/organization/logo',
      payload: { contentType: 'image/png', data: ONE_PIXEL_PNG },
    }),
    expect: { technician: 403, lead: 403, office: 403, admin: 200, anonymous: 401, otherOrg: 200 },
  },
  {
    // Everyone signed in sees their own organization's logo (otherOrg set its own in the row above).
    route: 'GET /api/organization/logo',
    request: () => ({ method: 'GET', url: '/api/organization/logo' }),
    expect: ANYONE_SIGNED_IN,
  },
  {
    route: 'DELETE /api/admin/settings/organization/logo',
    request: () => ({ method: 'DELETE', url: '/api/admin/settings/organization/logo' }),
    expect: { technician: 403, lead: 403, office: 403, admin: 204, anonymous: 401, otherOrg: 204 },
  },
  {
    route: 'GET /api/admin/settings/review',
    request: () => ({ method: 'GET', url: '/api/admin/settings/review' }),
    expect: { technician: 403, lead: 200, office: 200, admin: 200, anonymous: 401, otherOrg: 200 },
  },
  {
    // Another organization's admin changes only their own organization's setting (to the default).
    route: 'PUT /api/admin/settings/review',
    request: () => ({ method: 'PUT', url: '/api/admin/settings/review', payload: { mode: 'office' } }),
    expect: { technician: 403, lead: 403, office: 403, admin: 200, anonymous: 401, otherOrg: 200 },
  },
  {
    // A lead is refused while the organization has the office review (the default); their team's
    // queue once leads review is covered in mutators/review-job.test.ts. otherOrg sees its own, empty.
    route: 'GET /api/review/queue',
    request: () => ({ method: 'GET', url: '/api/review/queue' }),
    expect: { technician: 403, lead: 403, office: 200, admin: 200, anonymous: 401, otherOrg: 200 },
  },
  {
    // A lead sees their own team's signals (drift-routes.test.ts); otherOrg gets its own, empty report.
    route: 'GET /api/drift',
    request: () => ({ method: 'GET', url: '/api/drift' }),
    expect: { technician: 403, lead: 200, office: 200, admin: 200, anonymous: 401, otherOrg: 200 },
  },
  {
    route: 'POST /api/sync/pull',
    request: () => ({
      method: 'POST',
      url: '/api/sync/pull',
      payload: { schemaVersion: SCHEMA_VERSION, clientId: `matrix-${randomUUID()}`, cursor: null },
    }),
    expect: ANYONE_SIGNED_IN,
  },
  {
    route: 'GET /api/sync/refused',
    request: () => ({ method: 'GET', url: '/api/sync/refused' }),
    expect: { technician: 403, lead: 200, office: 200, admin: 200, anonymous: 401, otherOrg: 200 },
  },
  {
    // Only the route's authentication: what each role may mutate is the mutators' own tests' job.
    route: 'POST /api/sync/push',
    request: () => ({
      method: 'POST',
      url: '/api/sync/push',
      payload: { schemaVersion: SCHEMA_VERSION, clientId: `matrix-${randomUUID()}`, mutations: [] },
    }),
    expect: { technician: 400, lead: 400, office: 400, admin: 400, anonymous: 401, otherOrg: 400 },
  },
  {
    route: 'GET /api/sync/poke',
    request: () => ({ method: 'GET', url: '/api/sync/poke' }),
    expect: { anonymous: 401 },
    partial: 'a signed-in poke stream never ends under inject(); src/sync/processes.test.ts covers it over HTTP',
  },
  {
    // A lead gets their team's jobs; other organizations see only their own (empty) table.
    route: 'GET /api/jobs',
    request: () => ({ method: 'GET', url: '/api/jobs' }),
    expect: { ...OFFICE_ONLY, lead: 200 },
  },
  {
    route: 'POST /api/customers',
    request: () => ({
      method: 'POST',
      url: '/api/customers',
      payload: { name: 'Matrix customer B', phone: null, email: null },
    }),
    expect: CREATED_BY_OFFICE,
  },
  {
    route: 'PATCH /api/customers/:id',
    request: () => ({
      method: 'PATCH',
      url: `/api/customers/${officeRefs.customerId}`,
      payload: { name: 'Matrix customer', phone: '555', email: null },
    }),
    expect: EDITED_BY_OFFICE,
  },
  {
    // Organization B cannot attach a site to organization A's customer: an unknown customer.
    route: 'POST /api/sites',
    request: () => ({
      method: 'POST',
      url: '/api/sites',
      payload: {
        customerId: officeRefs.customerId,
        name: 'Depot',
        address: '2 Matrix Road',
        lat: null,
        lng: null,
        accessNotes: '',
      },
    }),
    expect: { ...CREATED_BY_OFFICE, otherOrg: 400 },
  },
  {
    route: 'PATCH /api/sites/:id',
    request: () => ({
      method: 'PATCH',
      url: `/api/sites/${officeRefs.siteId}`,
      payload: { name: 'Main', address: '1 Matrix Road', lat: null, lng: null, accessNotes: 'Key at reception' },
    }),
    expect: EDITED_BY_OFFICE,
  },
  {
    route: 'POST /api/job-types',
    request: () => ({
      method: 'POST',
      url: '/api/job-types',
      payload: { name: `Type ${randomUUID()}`, defaultDurationMinutes: 60, keyFields: [] },
    }),
    expect: CREATED_BY_OFFICE,
  },
  {
    route: 'PATCH /api/job-types/:id',
    request: () => ({
      method: 'PATCH',
      url: `/api/job-types/${officeRefs.jobTypeId}`,
      payload: { name: officeRefs.jobTypeName, defaultDurationMinutes: 90, keyFields: ['meter_reading'] },
    }),
    expect: EDITED_BY_OFFICE,
  },
  {
    route: 'POST /api/jobs/import/preview',
    request: () => ({
      method: 'POST',
      url: '/api/jobs/import/preview',
      payload: { csv: importCsv(), timeZone: 'UTC' },
    }),
    expect: OFFICE_ONLY,
  },
  {
    // Re-importing is idempotent, so office and admin both get 200; organization B has no such job type.
    route: 'POST /api/jobs/import/commit',
    request: () => ({ method: 'POST', url: '/api/jobs/import/commit', payload: { csv: importCsv(), timeZone: 'UTC' } }),
    expect: { ...OFFICE_ONLY, otherOrg: 400 },
  },
  {
    route: 'GET /api/form-templates',
    request: () => ({ method: 'GET', url: '/api/form-templates' }),
    expect: OFFICE_ONLY,
  },
  {
    route: 'POST /api/form-templates',
    request: () => ({ method: 'POST', url: '/api/form-templates', payload: { name: `Form ${randomUUID()}` } }),
    expect: CREATED_BY_OFFICE,
  },
  {
    route: 'GET /api/form-templates/:id',
    request: () => ({ method: 'GET', url: `/api/form-templates/${formRefs.templateId}` }),
    expect: EDITED_BY_OFFICE,
  },
  {
    route: 'PUT /api/form-templates/:id',
    request: () => ({
      method: 'PUT',
      url: `/api/form-templates/${formRefs.templateId}`,
      payload: { name: 'Matrix form', definition: matrixDefinition },
    }),
    expect: EDITED_BY_OFFICE,
  },
  {
    route: 'PUT /api/form-templates/:id/draft',
    request: () => ({
      method: 'PUT',
      url: `/api/form-templates/${formRefs.templateId}/draft`,
      payload: { name: 'Matrix form', definition: matrixDefinition },
    }),
    expect: EDITED_BY_OFFICE,
  },
  {
    route: 'POST /api/form-templates/:id/publish',
    request: () => ({ method: 'POST', url: `/api/form-templates/${formRefs.templateId}/publish`, payload: {} }),
    expect: PUBLISHED_BY_OFFICE,
  },
  {
    route: 'GET /api/form-templates/:id/versions',
    request: () => ({ method: 'GET', url: `/api/form-templates/${formRefs.templateId}/versions` }),
    expect: EDITED_BY_OFFICE,
  },
  {
    route: 'GET /api/form-templates/:id/versions/:a/diff/:b',
    request: () => ({ method: 'GET', url: `/api/form-templates/${formRefs.templateId}/versions/1/diff/1` }),
    expect: EDITED_BY_OFFICE,
  },
  {
    route: 'GET /api/form-templates/:id/export',
    request: () => ({ method: 'GET', url: `/api/form-templates/${formRefs.templateId}/export` }),
    expect: EDITED_BY_OFFICE,
  },
  {
    route: 'POST /api/form-templates/import',
    request: () => ({
      method: 'POST',
      url: '/api/form-templates/import',
      payload: { format: 'lastmile.form-template', formatVersion: 1, name: 'Imported', definition: matrixDefinition },
    }),
    expect: CREATED_BY_OFFICE,
  },
  {
    route: 'PUT /api/job-types/:id/form-rules',
    request: () => ({
      method: 'PUT',
      url: `/api/job-types/${officeRefs.jobTypeId}/form-rules`,
      payload: { templateId: formRefs.templateId, keyFields: ['pressure'], requiredFields: ['pressure'] },
    }),
    expect: EDITED_BY_OFFICE,
  },
  {
    // The lead of the job's team and the office; another organization's admin learns nothing.
    route: 'GET /api/form-responses/:id/answers/:key/history',
    request: () => ({ method: 'GET', url: `/api/form-responses/${formRefs.responseId}/answers/pressure/history` }),
    expect: { technician: 403, lead: 200, office: 200, admin: 200, anonymous: 401, otherOrg: 404 },
  },
  {
    // Whoever sees the job sees its photos (the sync scopes); another organization learns nothing.
    route: 'GET /api/attachments/:id',
    request: () => ({ method: 'GET', url: `/api/attachments/${photoRefs.available}` }),
    expect: PHOTO_SEEN_BY_JOB,
  },
  {
    route: 'GET /api/attachments/:id/thumbnail',
    request: () => ({ method: 'GET', url: `/api/attachments/${photoRefs.available}/thumbnail` }),
    expect: PHOTO_SEEN_BY_JOB,
  },
  {
    // Whoever sees the job (the sync scopes: its technician, its team's lead, the office) gets its report.
    route: 'GET /api/jobs/:id/report.pdf',
    request: () => ({ method: 'GET', url: `/api/jobs/${formRefs.jobId}/report.pdf` }),
    expect: PHOTO_SEEN_BY_JOB,
  },
  {
    route: 'GET /api/jobs/:id/report.json',
    request: () => ({ method: 'GET', url: `/api/jobs/${formRefs.jobId}/report.json` }),
    expect: PHOTO_SEEN_BY_JOB,
  },
  {
    // The job's thread, for the read-only job screen (ADR 0041): whoever sees the job, as its report.
    route: 'GET /api/jobs/:id/thread',
    request: () => ({ method: 'GET', url: `/api/jobs/${formRefs.jobId}/thread` }),
    expect: PHOTO_SEEN_BY_JOB,
  },
  {
    // The names of the job's people, for a phone that does not hold them (ADR 0051): as its thread.
    route: 'GET /api/jobs/:id/people',
    request: () => ({ method: 'GET', url: `/api/jobs/${formRefs.jobId}/people` }),
    expect: PHOTO_SEEN_BY_JOB,
  },
  {
    // The pickers' search for people the device does not hold (ADR 0051): every member, each
    // in their own organization (another organization's admin finds its own people).
    route: 'GET /api/people/search',
    request: () => ({ method: 'GET', url: '/api/people/search?q=tech' }),
    expect: ANYONE_SIGNED_IN,
  },
  {
    // The office table's filter; a lead gets their team's jobs, another organization its own (none of A's).
    route: 'GET /api/exports/jobs.csv',
    request: () => ({ method: 'GET', url: '/api/exports/jobs.csv' }),
    expect: { ...OFFICE_ONLY, lead: 200 },
  },
  {
    route: 'GET /api/exports/answers.csv',
    request: () => ({ method: 'GET', url: `/api/exports/answers.csv?templateVersionId=${formRefs.versionId}` }),
    expect: { ...OFFICE_ONLY, lead: 200, otherOrg: 404 },
  },
  {
    route: 'GET /api/exports/items.csv',
    request: () => ({ method: 'GET', url: '/api/exports/items.csv' }),
    expect: { ...OFFICE_ONLY, lead: 200 },
  },
  {
    // The audit trail is the office's and the admins'; another organization exports only its own.
    route: 'GET /api/exports/audit.csv',
    request: () => ({ method: 'GET', url: '/api/exports/audit.csv' }),
    expect: OFFICE_ONLY,
  },
  {
    // Only the person who took the photo uploads it (the technician goes first and creates it).
    route: 'POST /api/attachments/uploads',
    request: () => ({
      method: 'POST',
      url: '/api/attachments/uploads',
      headers: {
        ...TUS,
        'upload-length': '4',
        'upload-metadata': `attachmentId ${Buffer.from(photoRefs.pending).toString('base64')}`,
      },
    }),
    expect: { technician: 201, lead: 403, office: 403, admin: 403, anonymous: 401, otherOrg: 404 },
  },
  {
    route: 'PATCH /api/attachments/uploads/:id',
    request: () => ({
      method: 'PATCH',
      url: `/api/attachments/uploads/${photoRefs.pending}`,
      headers: { ...TUS, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
      payload: Buffer.from([0xff]),
    }),
    expect: { technician: 204, lead: 403, office: 403, admin: 403, anonymous: 401, otherOrg: 404 },
  },
  {
    // An upload is created without an id in the URL: with one, tus has nothing to create.
    route: 'POST /api/attachments/uploads/:id',
    request: () => ({ method: 'POST', url: `/api/attachments/uploads/${photoRefs.pending}`, headers: TUS }),
    expect: { technician: 400, lead: 400, office: 400, admin: 400, anonymous: 401, otherOrg: 400 },
  },
  {
    // With tus's content type (a PATCH without it is a 415 before anything else is looked at).
    route: 'PATCH /api/attachments/uploads',
    request: () => ({
      method: 'PATCH',
      url: '/api/attachments/uploads',
      headers: { ...TUS, 'content-type': 'application/offset+octet-stream' },
    }),
    expect: { technician: 404, lead: 404, office: 404, admin: 404, anonymous: 401, otherOrg: 404 },
  },
  {
    // Uploads are never deleted by the protocol: a photo is deleted by its mutation.
    route: 'DELETE /api/attachments/uploads/:id',
    request: () => ({ method: 'DELETE', url: `/api/attachments/uploads/${photoRefs.pending}`, headers: TUS }),
    expect: { technician: 403, lead: 403, office: 403, admin: 403, anonymous: 401, otherOrg: 403 },
  },
  {
    route: 'DELETE /api/attachments/uploads',
    request: () => ({ method: 'DELETE', url: '/api/attachments/uploads', headers: TUS }),
    expect: { technician: 403, lead: 403, office: 403, admin: 403, anonymous: 401, otherOrg: 403 },
  },
  {
    // tus capability discovery (CORS preflight shape): nothing about any photo.
    route: 'OPTIONS /api/attachments/uploads',
    request: () => ({ method: 'OPTIONS', url: '/api/attachments/uploads' }),
    expect: { technician: 204, lead: 204, office: 204, admin: 204, anonymous: 401, otherOrg: 204 },
  },
  {
    route: 'OPTIONS /api/attachments/uploads/:id',
    request: () => ({ method: 'OPTIONS', url: `/api/attachments/uploads/${photoRefs.pending}` }),
    expect: { technician: 204, lead: 204, office: 204, admin: 204, anonymous: 401, otherOrg: 204 },
  },
  {
    route: 'GET /api/audit/jobs/:id',
    request: () => ({ method: 'GET', url: `/api/audit/jobs/${auditRefs.jobId}` }),
    expect: { ...AUDIT_READ, lead: 200 },
  },
  {
    route: 'GET /api/audit/people/:id',
    request: (f) => ({ method: 'GET', url: `/api/audit/people/${f.orgA.users.technician.id}` }),
    expect: AUDIT_READ,
  },
  {
    // Another organization's admin gets their own organization's devices (none of A's).
    route: 'GET /api/audit/devices',
    request: () => ({ method: 'GET', url: '/api/audit/devices' }),
    expect: { ...AUDIT_READ, otherOrg: 200 },
  },
  {
    route: 'GET /api/audit/devices/:clientId',
    request: () => ({ method: 'GET', url: `/api/audit/devices/${auditRefs.clientId}` }),
    expect: AUDIT_READ,
  },
];

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const orgId = t.fixtures.orgA.id;
  await writeInOrg(t.db, orgId, async (tx, rec) => {
    const customer = await createCustomer(tx, rec, { orgId, name: 'Matrix customer', phone: null, email: null });
    const site = await createSite(tx, rec, {
      orgId,
      customerId: customer.id,
      name: 'Main',
      address: '1 Matrix Road',
      lat: null,
      lng: null,
      accessNotes: '',
    });
    const type = await createJobType(tx, rec, {
      orgId,
      name: officeRefs.jobTypeName,
      defaultDurationMinutes: 60,
      keyFields: [],
      templateId: null,
    });
    Object.assign(officeRefs, { customerId: customer.id, siteId: site.id, jobTypeId: type.id });
    const userId = t.fixtures.orgA.users.office.id;
    const template = await createTemplate(tx, { orgId, userId, name: 'Matrix form', definition: matrixDefinition });
    const version = await publishTemplate(tx, rec, { orgId, userId, id: template.id });
    const job = await createJob(tx, rec, {
      orgId,
      jobTypeId: type.id,
      customerId: customer.id,
      siteId: site.id,
      teamId: t.fixtures.orgA.teamId,
      assigneeId: t.fixtures.orgA.users.technician.id,
      priority: 'normal',
      scheduledStart: new Date('2030-01-02T08:00:00Z'),
      scheduledEnd: new Date('2030-01-02T09:00:00Z'),
      title: 'Matrix job',
      notes: '',
      externalRef: null,
      createdBy: userId,
    });
    const responseId = randomUUID();
    await tx.insert(formResponses).values({
      id: responseId,
      orgId,
      jobId: job.id,
      templateId: template.id,
      templateVersionId: version.id,
      status: 'draft',
      createdBy: userId,
    });
    Object.assign(formRefs, { templateId: template.id, responseId, jobId: job.id, versionId: version.id });
    const photo = (id: string, state: 'available' | 'pending') => ({
      id,
      orgId,
      kind: 'job' as const,
      jobId: job.id,
      contentType: 'image/jpeg',
      size: 4,
      sha256: createHash('sha256').update(JPEG_BYTES).digest('hex'),
      width: 1,
      height: 1,
      capturedBy: t.fixtures.orgA.users.technician.id,
      capturedAt: new Date(),
      state,
      storageKey: state === 'available' ? `${orgId}/${id}` : null,
    });
    Object.assign(photoRefs, { available: randomUUID(), pending: randomUUID() });
    await tx.insert(attachments).values([photo(photoRefs.available, 'available'), photo(photoRefs.pending, 'pending')]);
  });
  const thumbnailSource = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } })
    .jpeg()
    .toBuffer();
  await createBlobStore(t.config).putBytes(`${orgId}/${photoRefs.available}`, thumbnailSource, 'image/jpeg');
});
beforeAll(async () => {
  const orgId = t.fixtures.orgA.id;
  const [job] = await t.db.select({ id: jobs.id }).from(jobs).where(eq(jobs.orgId, orgId)).limit(1);
  auditRefs.jobId = job!.id;
  await t.db
    .insert(syncClients)
    .values({ clientId: auditRefs.clientId, orgId, userId: t.fixtures.orgA.users.technician.id });
  await t.db.insert(devices).values({
    id: deviceRefs.id,
    orgId,
    clientId: auditRefs.clientId,
    lastUserId: t.fixtures.orgA.users.technician.id,
  });
  const { orgA, orgB } = t.fixtures;
  keyRefs.revokedId = (await apiKeyFor(t.db, orgA.users.admin, ['read'])).id;
  keyRefs.headers = {
    readKey: (await apiKeyFor(t.db, orgA.users.admin, ['read'])).headers,
    writeKey: (await apiKeyFor(t.db, orgA.users.admin, ['read', 'write'])).headers,
    otherOrgKey: (await apiKeyFor(t.db, orgB.users.admin, ['read', 'write'])).headers,
  };
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/jobs',
    headers: keyRefs.headers.writeKey,
    payload: v1Job(),
  });
  v1Refs.cancelJobId = created.json<{ id: string }>().id;
  const hook = {
    orgId,
    url: 'https://hooks.example.com/a',
    secret: 'whsec_AAAA',
    eventTypes: ['job.created' as const],
  };
  await t.db.insert(webhookSubscriptions).values([
    { ...hook, id: webhookRefs.id },
    { ...hook, id: webhookRefs.deleteId },
  ]);
  const eventId = randomUUID();
  await t.db.insert(webhookEvents).values({ id: eventId, orgId, type: 'job.created', body: '{}' });
  await t.db.insert(webhookDeliveries).values({
    id: webhookRefs.deliveryId,
    orgId,
    subscriptionId: webhookRefs.id,
    eventId,
    status: 'succeeded',
  });
});
afterAll(async () => {
  await t.close();
});

/**
 * Full paths from printRoutes' tree, where a route below another shows only its own part
 * (`/api/sites` then `└── /:id`): each level of indentation is four characters.
 */
function routesOfTree(tree: string): { path: string; methods: string[] }[] {
  const parents: string[] = [];
  const routes: { path: string; methods: string[] }[] = [];
  for (const line of tree.split('\n')) {
    const match = /^((?:[│ ] {3})*)[├└]── (\S+)(?: \(([^)]+)\))?$/.exec(line);
    if (!match) continue;
    const [, indent = '', part = '', methods] = match;
    parents.length = indent.length / 4;
    const path = parents.join('') + part;
    parents.push(part);
    if (methods) routes.push({ path, methods: methods.split(', ') });
  }
  return routes;
}

/** A fresh session per call: some rows (sign-out) end the caller's session. */
async function credentialsFor(caller: Caller): Promise<Credentials | Record<string, never>> {
  if (caller === 'anonymous') return {};
  const user = caller === 'otherOrg' ? t.fixtures.orgB.users.admin : t.fixtures.orgA.users[caller];
  return sessionFor(t.db, user);
}

describe('authorization matrix', () => {
  const cases = MATRIX.flatMap((row) =>
    CALLERS.flatMap((caller) => {
      const status = row.expect[caller];
      return status === undefined ? [] : [{ route: row.route, request: row.request, caller, status }];
    }),
  );

  it.each(cases)('$route as $caller → $status', async ({ request, caller, status }) => {
    const options = request(t.fixtures);
    const response = await t.app.inject({
      ...options,
      headers: { ...(options.headers ?? {}), ...(await credentialsFor(caller)) },
    });
    expect(response.statusCode, response.body).toBe(status);
    if (status >= 400) expect(errorBody(response).code).toBeTruthy();
  });

  const keyCases = MATRIX.flatMap((row) => {
    const v1 = row.route.split(' ')[1]?.startsWith('/api/v1/') ?? false;
    return KEY_CALLERS.flatMap((caller) => {
      // Outside /api/v1 a key opens nothing: the same answer as no credentials at all.
      const status = v1 ? row.keys?.[caller] : row.expect.anonymous;
      return status === undefined ? [] : [{ route: row.route, request: row.request, caller, status }];
    });
  });
  it.each(keyCases)('$route with $caller → $status', async ({ request, caller, status }) => {
    const options = request(t.fixtures);
    const response = await t.app.inject({
      ...options,
      headers: { ...(options.headers ?? {}), ...keyRefs.headers[caller] },
    });
    expect(response.statusCode, response.body).toBe(status);
    if (status >= 400) expect(errorBody(response).code).toBeTruthy();
  });

  it('names what every API key gets on every /api/v1 row', () => {
    for (const row of MATRIX) {
      if (row.route.split(' ')[1]?.startsWith('/api/v1/')) {
        expect(Object.keys(row.keys ?? {}).sort(), row.route).toEqual([...KEY_CALLERS].sort());
      } else {
        expect(row.keys, row.route).toBeUndefined();
      }
    }
  });

  it('has a row for every API route the app registers', async () => {
    await t.app.ready();
    const registered = new Set<string>();
    for (const { path, methods } of routesOfTree(t.app.printRoutes({ commonPrefix: false }))) {
      if (!path.startsWith('/api/') || path.startsWith('/api/docs')) continue;
      for (const method of methods) if (method !== 'HEAD') registered.add(`${method} ${path}`);
    }
    expect([...registered].sort()).toEqual(MATRIX.map((row) => row.route).sort());
  });

  it('checks every caller on every route, unless a row says why it cannot', () => {
    for (const row of MATRIX) {
      if (!('partial' in row)) expect(Object.keys(row.expect).sort(), row.route).toEqual([...CALLERS].sort());
    }
  });
});
