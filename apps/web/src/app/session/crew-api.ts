import {
  crewMemberParser,
  crewParser,
  type Crew,
  type CrewJoinRequest,
  type CrewLeaveRequest,
  type CrewMember,
} from '@lastmile/domain';
import { apiRequest } from '../api.ts';

/** Crew mode's three calls (apps/api/src/routes/auth/crew.ts); all need the phone to be online. */
export function requestCrewJoin(body: CrewJoinRequest): Promise<CrewMember> {
  return apiRequest('/api/auth/crew', { method: 'POST', body, schema: crewMemberParser });
}

export function requestCrew(clientId: string, signal?: AbortSignal): Promise<Crew> {
  return apiRequest(`/api/auth/crew?clientId=${encodeURIComponent(clientId)}`, {
    schema: crewParser,
    ...(signal ? { signal } : {}),
  });
}

export function requestCrewLeave(body: CrewLeaveRequest): Promise<Crew> {
  return apiRequest('/api/auth/crew/leave', { method: 'POST', body, schema: crewParser });
}
