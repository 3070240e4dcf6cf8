import type { z } from 'zod';
import {
  apiCustomersPageSchema,
  apiItemsPageSchema,
  apiJobCancelSchema,
  apiJobInputSchema,
  apiJobSchema,
  apiJobUpdateSchema,
  apiJobsPageSchema,
  apiKeyInputSchema,
  apiKeysListSchema,
  apiSitesPageSchema,
  apiSubmissionsPageSchema,
  createdApiKeySchema,
  type ApiJob,
  type ApiKey,
} from '@lastmile/domain';

/**
 * Examples of the REST API for other systems (/api/v1) and of its keys, shown in /api/docs.
 * openapi.test.ts parses each with its own schema, so an example cannot drift from the contract.
 */
const ORG = '6a1f0c9e-2b3d-4e5f-8a7b-9c0d1e2f3a4b';
const JOB = '0b7e6f5a-3c1d-4f2e-9a8b-1c2d3e4f5a6b';
const TECH = 'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f';
const TEAM = 'e5f6a7b8-c9d0-4e1f-8a2b-3c4d5e6f7a8b';
const CUSTOMER = 'f6a7b8c9-d0e1-4f2a-9b3c-4d5e6f7a8b9c';
const SITE = 'a7b8c9d0-e1f2-4a3b-8c4d-5e6f7a8b9c0d';
const JOB_TYPE = 'b8c9d0e1-f2a3-4b4c-9d5e-6f7a8b9c0d1e';
const ITEM = 'c9d0e1f2-a3b4-4c5d-8e6f-7a8b9c0d1e2f';
const RESPONSE = 'e1f2a3b4-c5d6-4e7f-8a8b-9c0d1e2f3a4b';
const TEMPLATE = 'd6e7f8a9-b0c1-4d2e-8f3a-4b5c6d7e8f90';
const VERSION = 'f2a3b4c5-d6e7-4f8a-9b9c-0d1e2f3a4b5c';
const PHOTO = 'b4c5d6e7-f8a9-4b0c-9d1e-2f3a4b5c6d7e';
const KEY = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
/** What a `nextCursor` looks like: opaque; send it back as it is. */
const CURSOR = 'djE6MGI3ZTZmNWEtM2MxZC00ZjJlLTlhOGItMWMyZDNlNGY1YTZi';

const JOB_EXAMPLE: ApiJob = {
  id: JOB,
  number: 'J-00042',
  title: 'Annual boiler service',
  status: 'scheduled',
  priority: 'normal',
  scheduledStart: '2026-11-23T08:00:00.000Z',
  scheduledEnd: '2026-11-23T10:00:00.000Z',
  externalRef: 'ERP-118842',
  jobType: { id: JOB_TYPE, name: 'Boiler service' },
  customer: { id: CUSTOMER, name: 'Acme Ltd' },
  site: { id: SITE, address: '12 Harbour Street' },
  team: { id: TEAM, name: 'North' },
  assignee: { id: TECH, name: 'Ola Nowak' },
  notes: 'Gate code 4711.',
  statusReason: null,
  updatedAt: '2026-11-20T14:03:11.000Z',
};

const KEY_EXAMPLE: ApiKey = {
  id: KEY,
  name: 'ERP integration',
  prefix: 'lmk_q7Xv2LkP',
  scopes: ['read', 'write'],
  createdAt: '2026-11-20T09:00:00.000Z',
  createdByName: 'Anna Admin',
  expiresAt: '2027-11-20T00:00:00.000Z',
  lastUsedAt: '2026-11-23T07:59:12.000Z',
  revokedAt: null,
};

/** Route schema → its example (the route's own schema objects, by identity). */
export const V1_EXAMPLES = new Map<z.ZodType, unknown>([
  [apiJobsPageSchema, { items: [JOB_EXAMPLE], nextCursor: CURSOR }],
  [apiJobSchema, JOB_EXAMPLE],
  [
    apiJobInputSchema,
    {
      jobTypeId: JOB_TYPE,
      customerId: CUSTOMER,
      siteId: SITE,
      teamId: TEAM,
      assigneeId: TECH,
      priority: 'normal',
      scheduledStart: '2026-11-23T08:00:00.000Z',
      scheduledEnd: '2026-11-23T10:00:00.000Z',
      title: 'Annual boiler service',
      notes: 'Gate code 4711.',
      externalRef: 'ERP-118842',
    },
  ],
  [apiJobUpdateSchema, { priority: 'urgent', scheduledStart: '2026-11-23T09:00:00.000Z' }],
  [apiJobCancelSchema, { reason: 'The customer sold the house.' }],
  [
    apiCustomersPageSchema,
    { items: [{ id: CUSTOMER, orgId: ORG, name: 'Acme Ltd', phone: null, email: null }], nextCursor: null },
  ],
  [
    apiSitesPageSchema,
    {
      items: [
        {
          id: SITE,
          orgId: ORG,
          customerId: CUSTOMER,
          name: 'Main office',
          address: '12 Harbour Street',
          lat: 54.35,
          lng: 18.65,
          accessNotes: 'Reception on the 2nd floor.',
        },
      ],
      nextCursor: null,
    },
  ],
  [
    apiItemsPageSchema,
    {
      items: [
        {
          id: ITEM,
          orgId: ORG,
          title: 'Replace the flue seal',
          description: 'Seal is cracked at the elbow.',
          jobId: JOB,
          siteId: SITE,
          teamId: TEAM,
          ownerId: TECH,
          dueDate: '2026-12-01',
          priority: 'high',
          status: 'open',
          createdBy: TECH,
          createdAt: '2026-11-23T09:30:00.000Z',
          updatedAt: '2026-11-23T09:30:00.000Z',
        },
      ],
      nextCursor: null,
    },
  ],
  [
    apiSubmissionsPageSchema,
    {
      items: [
        {
          id: RESPONSE,
          jobId: JOB,
          templateId: TEMPLATE,
          templateVersionId: VERSION,
          templateName: 'Boiler inspection',
          templateVersion: 3,
          status: 'submitted',
          createdAt: '2026-11-23T09:02:00.000Z',
          submittedAt: '2026-11-23T09:48:00.000Z',
          submittedBy: TECH,
          updatedAt: '2026-11-23T09:48:00.000Z',
          answers: [
            {
              fieldKey: 'pressure_bar',
              value: 1.4,
              answeredBy: TECH,
              capturedAt: '2026-11-23T09:12:00.000Z',
              conflict: false,
            },
          ],
          attachments: [
            {
              id: PHOTO,
              kind: 'answer',
              fieldKey: 'flue_photos',
              contentType: 'image/jpeg',
              size: 412_345,
              sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
              caption: 'Flue terminal, north wall',
              capturedAt: '2026-11-23T09:41:00.000Z',
              url: `/api/v1/attachments/${PHOTO}`,
            },
          ],
        },
      ],
      nextCursor: null,
    },
  ],
  [apiKeyInputSchema, { name: 'ERP integration', scopes: ['read', 'write'], expiresAt: '2027-11-20T00:00:00.000Z' }],
  [apiKeysListSchema, { keys: [KEY_EXAMPLE] }],
  [createdApiKeySchema, { key: KEY_EXAMPLE, secret: 'lmk_q7Xv2LkP9sYw3Rz1Tb8Nc5Md0Fh6Jg4Ke2La7Qp3Ux9' }],
]);
