import { useQuery } from '@tanstack/react-query';
import { devicesListSchema, userRowSchema, type DeviceSort } from '@lastmile/domain';
import { z } from 'zod';
import { apiRequest } from '../../app/api.ts';

export function useDevices(query: { userId: string | null; sort: DeviceSort }) {
  const params = new URLSearchParams({ sort: query.sort });
  if (query.userId) params.set('userId', query.userId);
  return useQuery({
    queryKey: ['admin-devices', query.userId, query.sort],
    queryFn: ({ signal }) =>
      apiRequest(`/api/admin/devices?${params.toString()}`, { schema: devicesListSchema, signal }),
    retry: false,
    networkMode: 'always',
  });
}

/** Everyone in the organization, for the person filter. */
export function usePeople() {
  return useQuery({
    queryKey: ['admin-users'],
    queryFn: ({ signal }) => apiRequest('/api/admin/users', { schema: z.array(userRowSchema), signal }),
    retry: false,
    networkMode: 'always',
  });
}

export function revokeDevice(id: string, reason: string): Promise<{ revoked: boolean }> {
  return apiRequest(`/api/admin/devices/${encodeURIComponent(id)}/revoke`, {
    method: 'POST',
    body: { reason },
    schema: z.object({ revoked: z.boolean() }),
  });
}
