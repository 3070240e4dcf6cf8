import type { JobRow, MutatorArgs, MutatorName, OutstandingItemRow } from '@lastmile/domain';
import type { PullResponse, PushRequest } from '@lastmile/sync';

/**
 * Examples for the OpenAPI document: one argument object per mutation and one push and pull.
 * openapi.test.ts parses each with the contract's own schema, so an example cannot drift from it.
 */
const JOB = '0b7e6f5a-3c1d-4f2e-9a8b-1c2d3e4f5a6b';
const ORG = '6a1f0c9e-2b3d-4e5f-8a7b-9c0d1e2f3a4b';
const ME = 'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f';
const OTHER_TECH = 'd4e5f6a7-b8c9-4d0e-9f1a-2b3c4d5e6f7a';
const TEAM = 'e5f6a7b8-c9d0-4e1f-8a2b-3c4d5e6f7a8b';
const CUSTOMER = 'f6a7b8c9-d0e1-4f2a-9b3c-4d5e6f7a8b9c';
const SITE = 'a7b8c9d0-e1f2-4a3b-8c4d-5e6f7a8b9c0d';
const JOB_TYPE = 'b8c9d0e1-f2a3-4b4c-9d5e-6f7a8b9c0d1e';
const ITEM = 'c9d0e1f2-a3b4-4c5d-8e6f-7a8b9c0d1e2f';
const MESSAGE = 'd0e1f2a3-b4c5-4d6e-9f7a-8b9c0d1e2f3a';
const RESPONSE = 'e1f2a3b4-c5d6-8e7f-8a8b-9c0d1e2f3a4b';
const VERSION = 'f2a3b4c5-d6e7-4f8a-9b9c-0d1e2f3a4b5c';
const PHOTO = 'b4c5d6e7-f8a9-4b0c-9d1e-2f3a4b5c6d7e';
const VERSION_2 = 'a3b4c5d6-e7f8-4a9b-8c0d-1e2f3a4b5c6d';

export const MUTATION_ARGS_EXAMPLES: { [N in MutatorName]: MutatorArgs<N> } = {
  transitionJob: { jobId: JOB, to: 'paused', reason: 'Waiting for parts' },
  assignJob: { jobId: JOB, expectedAssigneeId: ME, assigneeId: OTHER_TECH, handoffNote: 'Boiler is in the loft.' },
  updateJobNotes: { jobId: JOB, notes: 'Gate code 4711.' },
  createJob: {
    id: JOB,
    jobTypeId: JOB_TYPE,
    customerId: CUSTOMER,
    siteId: SITE,
    teamId: TEAM,
    assigneeId: ME,
    priority: 'normal',
    scheduledStart: '2026-11-23T08:00:00.000Z',
    scheduledEnd: '2026-11-23T10:00:00.000Z',
    title: 'Annual boiler service',
    notes: '',
    externalRef: null,
  },
  updateJob: { jobId: JOB, priority: 'urgent', scheduledStart: '2026-11-23T09:00:00.000Z' },
  addOutstandingItem: {
    id: ITEM,
    title: 'Replace the flue seal',
    description: 'Seal is cracked at the elbow.',
    jobId: JOB,
    siteId: SITE,
    ownerId: ME,
    dueDate: '2026-12-01',
    priority: 'high',
  },
  updateOutstandingItem: { id: ITEM, status: 'done' },
  postJobMessage: { id: MESSAGE, jobId: JOB, body: 'On my way, 10 minutes.' },
  reviewJob: {
    id: 'c5d6e7f8-a9b0-4c1d-8e2f-3a4b5c6d7e8f',
    jobId: JOB,
    round: 1,
    decision: 'sent_back',
    comment: 'The flue gas reading is far above the limit.',
    fieldComments: [
      { responseId: RESPONSE, fieldKey: 'co_ppm', entryIndex: null, comment: 'Measure again after cleaning.' },
    ],
  },
  markNotificationsRead: { ids: ['d6e7f8a9-b0c1-4d2e-8f3a-4b5c6d7e8f90'] },
  startForm: { id: RESPONSE, jobId: JOB, templateVersionId: VERSION },
  setAnswer: { responseId: RESPONSE, fieldKey: 'pressure_bar', value: 1.4, capturedAt: '2026-11-23T09:12:00.000Z' },
  submitForm: { responseId: RESPONSE },
  moveFormToVersion: { responseId: RESPONSE, templateVersionId: VERSION_2 },
  reopenForm: { responseId: RESPONSE },
  resolveAnswerConflict: { responseId: RESPONSE, fieldKey: 'pressure_bar' },
  addAttachment: {
    id: PHOTO,
    kind: 'answer',
    jobId: JOB,
    itemId: null,
    messageId: null,
    responseId: RESPONSE,
    fieldKey: 'flue_photos',
    contentType: 'image/jpeg',
    size: 412_345,
    sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    width: 2048,
    height: 1536,
    caption: 'Flue terminal, north wall',
    capturedAt: '2026-11-23T09:41:00.000+00:00',
    location: null,
  },
  setAttachmentCaption: { id: PHOTO, caption: 'Flue terminal after the repair' },
  deleteAttachment: { id: PHOTO },
};

export const PUSH_REQUEST_EXAMPLE: PushRequest = {
  schemaVersion: 1,
  clientId: 'k3J9xQ2mV7pL',
  mutations: [
    {
      id: 7,
      name: 'transitionJob',
      args: MUTATION_ARGS_EXAMPLES.transitionJob,
      clientTime: '2026-11-23T09:41:00.000Z',
      baseVersion: 1234,
    },
    {
      id: 8,
      name: 'updateJobNotes',
      args: MUTATION_ARGS_EXAMPLES.updateJobNotes,
      clientTime: '2026-11-23T09:42:10.000Z',
      baseVersion: 1234,
    },
  ],
};

const JOB_ROW: JobRow = {
  id: JOB,
  orgId: ORG,
  number: 'J-00042',
  jobTypeId: JOB_TYPE,
  customerId: CUSTOMER,
  siteId: SITE,
  teamId: TEAM,
  assigneeId: ME,
  status: 'paused',
  priority: 'normal',
  scheduledStart: '2026-11-23T08:00:00.000Z',
  scheduledEnd: '2026-11-23T10:00:00.000Z',
  title: 'Annual boiler service',
  notes: '',
  statusReason: 'Waiting for parts',
  handoffNote: null,
  externalRef: null,
  updatedAt: '2026-11-23T09:41:02.120Z',
  updatedBy: ME,
};

const ITEM_ROW: OutstandingItemRow = {
  id: ITEM,
  orgId: ORG,
  title: 'Replace the flue seal',
  description: 'Seal is cracked at the elbow.',
  jobId: JOB,
  siteId: SITE,
  teamId: TEAM,
  ownerId: ME,
  dueDate: '2026-12-01',
  priority: 'high',
  status: 'open',
  createdBy: ME,
  createdAt: '2026-11-23T09:30:00.000Z',
  updatedAt: '2026-11-23T09:30:00.000Z',
};

export const PULL_RESPONSE_EXAMPLE: PullResponse = {
  reset: false,
  more: false,
  cursor: '1240.88830.3fa9c1d0',
  lastMutationId: 8,
  changes: [
    { op: 'put', entity: 'jobs', id: JOB, row: JOB_ROW },
    { op: 'put', entity: 'outstandingItems', id: ITEM, row: ITEM_ROW },
    { op: 'del', entity: 'jobMessages', id: MESSAGE },
  ],
  refused: [
    {
      id: 8,
      name: 'updateJobNotes',
      args: MUTATION_ARGS_EXAMPLES.updateJobNotes,
      code: 'forbidden',
      reason: 'Job J-00042 is not assigned to you; your change was kept for your lead to review.',
      processedAt: '2026-11-23T09:42:11.000Z',
    },
  ],
};
