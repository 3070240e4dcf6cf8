import { useQuery } from '@tanstack/react-query';
import { jobPeopleSchema } from '@lastmile/domain';
import { useMemo } from 'react';
import { apiRequest } from '../app/api.ts';

/**
 * Names of people a job's rows mention that this device does not hold. A phone holds its own
 * team's people (ADR 0051), so a job handed over from another team names its earlier crew by id
 * only: the handoff note's author, who answered a field, who took a photo. While online the app
 * asks the server once per job (GET /api/jobs/:id/people) and names them; offline, or before the
 * answer, the screens say "someone outside your team". Asked only when a name is missing, so a
 * job of the phone's own team costs no request.
 */
export function useJobPeople(jobId: string | null | undefined, missing: readonly (string | null | undefined)[]) {
  const wanted = missing.some((id) => !!id);
  const query = useQuery({
    queryKey: ['job-people', jobId],
    queryFn: ({ signal }) => apiRequest(`/api/jobs/${jobId}/people`, { schema: jobPeopleSchema, signal }),
    enabled: !!jobId && wanted,
    retry: false,
    staleTime: 5 * 60_000,
  });
  return useMemo(() => new Map((query.data?.people ?? []).map((p) => [p.id, { name: p.name }] as const)), [query.data]);
}

/** The device's people, then the server's names for the rest (`useJobPeople`). */
export function withJobPeople<P extends { name: string }>(
  local: ReadonlyMap<string, P>,
  remote: ReadonlyMap<string, { name: string }>,
): ReadonlyMap<string, P | { name: string }> {
  if (remote.size === 0) return local;
  const merged = new Map<string, P | { name: string }>(remote);
  for (const [id, person] of local) merged.set(id, person);
  return merged;
}
