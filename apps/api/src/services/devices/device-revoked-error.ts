import { AppError, ERROR_CODES } from '@lastmile/domain';

/**
 * What a revoked device is told, on every route and on push and pull: the code makes the app
 * erase its local data; the reason the admin gave is shown to the person holding it.
 */
export function deviceRevokedError(reason: string | null): AppError {
  return new AppError(
    ERROR_CODES.deviceRevoked,
    `An administrator removed this device from Lastmile${reason ? `: ${reason}` : ''}. Its data is being erased from it.`,
    undefined,
    { key: 'device.revoked', params: { reason: reason ?? '' } },
  );
}
