import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { auditDeviceSchema, auditPageSchema } from '@lastmile/domain';
import { z } from 'zod';
import { apiRequest } from '../app/api.ts';

/** Whose trail: one job's, one person's or one device's (a sync client id or a browser session). */
export type AuditSubject = { kind: 'job' | 'person' | 'device'; id: string };

const SEGMENT = { job: 'jobs', person: 'people', device: 'devices' } as const;

export function auditPath(subject: AuditSubject, cursor: string | null): string {
  const base = `/api/audit/${SEGMENT[subject.kind]}/${encodeURIComponent(subject.id)}`;
  return cursor ? `${base}?cursor=${encodeURIComponent(cursor)}` : base;
}

/** The trail newest first, a page at a time; `fetchNextPage` reads older events. Online only. */
export function useAuditTimeline(subject: AuditSubject) {
  return useInfiniteQuery({
    queryKey: ['audit', subject.kind, subject.id],
    queryFn: ({ pageParam, signal }) => apiRequest(auditPath(subject, pageParam), { schema: auditPageSchema, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    retry: false,
    // Offline, fail at once (and say so) rather than wait paused for a connection.
    networkMode: 'always',
  });
}

export function useAuditDevices() {
  return useQuery({
    queryKey: ['audit', 'devices'],
    queryFn: ({ signal }) => apiRequest('/api/audit/devices', { schema: z.array(auditDeviceSchema), signal }),
    retry: false,
    networkMode: 'always',
  });
}
