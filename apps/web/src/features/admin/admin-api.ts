import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  adminPersonSchema,
  adminUserChangeSchema,
  apiKeysListSchema,
  createdApiKeySchema,
  invitationSchema,
  logoInfoSchema,
  organizationSettingsSchema,
  passwordLinkSchema,
  photoSettingsSchema,
  reviewSettingsSchema,
  crewSettingsSchema,
  officeWindowSettingsSchema,
  officeWindowSweepSchema,
  teamRowSchema,
  userRowSchema,
  type AdminUserUpdate,
  type ApiKeyInput,
  type InviteUser,
  type LogoType,
  type OrganizationSettingsUpdate,
  type PhotoSettings,
  type ReviewSettings,
  type CrewSettings,
  type OfficeWindowSettings,
} from '@lastmile/domain';
import { z } from 'zod';
import { apiRequest } from '../../app/api.ts';

const noBody = z.null();

/** Reads for the admin screens: online only, failing at once offline (the screens say so). */
const online = { retry: false, networkMode: 'always' } as const;

export const adminKeys = {
  people: ['admin', 'people'] as const,
  teams: ['admin', 'teams'] as const,
  organization: ['admin', 'organization'] as const,
  review: ['admin', 'review'] as const,
  photos: ['admin', 'photos'] as const,
  crew: ['admin', 'crew'] as const,
  officeWindow: ['admin', 'office-window'] as const,
  apiKeys: ['admin', 'api-keys'] as const,
};

export function useApiKeys() {
  return useQuery({
    queryKey: adminKeys.apiKeys,
    queryFn: ({ signal }) => apiRequest('/api/admin/api-keys', { schema: apiKeysListSchema, signal }),
    ...online,
  });
}

export function usePeople() {
  return useQuery({
    queryKey: adminKeys.people,
    queryFn: ({ signal }) => apiRequest('/api/admin/users', { schema: z.array(adminPersonSchema), signal }),
    ...online,
  });
}

export function useTeams() {
  return useQuery({
    queryKey: adminKeys.teams,
    queryFn: ({ signal }) => apiRequest('/api/admin/teams', { schema: z.array(teamRowSchema), signal }),
    ...online,
  });
}

export function useOrganizationSettings() {
  return useQuery({
    queryKey: adminKeys.organization,
    queryFn: ({ signal }) =>
      apiRequest('/api/admin/settings/organization', { schema: organizationSettingsSchema, signal }),
    ...online,
  });
}

export function useReviewSettings() {
  return useQuery({
    queryKey: adminKeys.review,
    queryFn: ({ signal }) => apiRequest('/api/admin/settings/review', { schema: reviewSettingsSchema, signal }),
    ...online,
  });
}

export function useOfficeWindowSettings() {
  return useQuery({
    queryKey: adminKeys.officeWindow,
    queryFn: ({ signal }) =>
      apiRequest('/api/admin/settings/office-window', { schema: officeWindowSettingsSchema, signal }),
    ...online,
  });
}

export function useCrewSettings() {
  return useQuery({
    queryKey: adminKeys.crew,
    queryFn: ({ signal }) => apiRequest('/api/admin/settings/crew', { schema: crewSettingsSchema, signal }),
    ...online,
  });
}

export function usePhotoSettings() {
  return useQuery({
    queryKey: adminKeys.photos,
    queryFn: ({ signal }) => apiRequest('/api/admin/settings/photos', { schema: photoSettingsSchema, signal }),
    ...online,
  });
}

/** After a write: the lists read again, so every open screen shows the change. */
export function useRefreshAdmin() {
  const client = useQueryClient();
  return (key: readonly string[]) => client.invalidateQueries({ queryKey: key });
}

const json = <B>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', body?: B) => ({
  method,
  ...(body !== undefined ? { body } : {}),
});

export const adminApi = {
  invite: (body: InviteUser) =>
    apiRequest('/api/admin/users/invite', { ...json('POST', body), schema: invitationSchema }),
  updatePerson: (id: string, body: AdminUserUpdate) =>
    apiRequest(`/api/admin/users/${id}`, { ...json('PATCH', body), schema: adminUserChangeSchema }),
  deactivate: (id: string) =>
    apiRequest(`/api/admin/users/${id}/deactivate`, { ...json('POST'), schema: userRowSchema }),
  reactivate: (id: string) =>
    apiRequest(`/api/admin/users/${id}/reactivate`, { ...json('POST'), schema: userRowSchema }),
  passwordLink: (id: string) =>
    apiRequest(`/api/admin/users/${id}/password-reset`, { ...json('POST'), schema: passwordLinkSchema }),
  createTeam: (name: string) => apiRequest('/api/admin/teams', { ...json('POST', { name }), schema: teamRowSchema }),
  renameTeam: (id: string, name: string) =>
    apiRequest(`/api/admin/teams/${id}`, { ...json('PATCH', { name }), schema: teamRowSchema }),
  setLead: (teamId: string, userId: string) =>
    apiRequest(`/api/admin/teams/${teamId}/lead`, { ...json('PUT', { userId }), schema: adminUserChangeSchema }),
  updateOrganization: (body: OrganizationSettingsUpdate) =>
    apiRequest('/api/admin/settings/organization', { ...json('PATCH', body), schema: organizationSettingsSchema }),
  uploadLogo: (contentType: LogoType, data: string) =>
    apiRequest('/api/admin/settings/organization/logo', {
      ...json('PUT', { contentType, data }),
      schema: logoInfoSchema,
    }),
  removeLogo: () => apiRequest('/api/admin/settings/organization/logo', { ...json('DELETE'), schema: noBody }),
  setReview: (body: ReviewSettings) =>
    apiRequest('/api/admin/settings/review', { ...json('PUT', body), schema: reviewSettingsSchema }),
  setCrew: (body: CrewSettings) =>
    apiRequest('/api/admin/settings/crew', { ...json('PUT', body), schema: crewSettingsSchema }),
  setOfficeWindow: (body: OfficeWindowSettings) =>
    apiRequest('/api/admin/settings/office-window', { ...json('PUT', body), schema: officeWindowSettingsSchema }),
  applyOfficeWindow: () =>
    apiRequest('/api/admin/settings/office-window/sweep', { ...json('POST'), schema: officeWindowSweepSchema }),
  createApiKey: (body: ApiKeyInput) =>
    apiRequest('/api/admin/api-keys', { ...json('POST', body), schema: createdApiKeySchema }),
  revokeApiKey: (id: string) =>
    apiRequest(`/api/admin/api-keys/${id}/revoke`, { ...json('POST'), schema: z.object({ revoked: z.boolean() }) }),
  setPhotos: (body: Partial<PhotoSettings>) =>
    apiRequest('/api/admin/settings/photos', { ...json('PUT', body), schema: photoSettingsSchema }),
};
