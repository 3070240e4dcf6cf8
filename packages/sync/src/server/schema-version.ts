import { AppError, ERROR_CODES } from '@lastmile/domain';
import { SUPPORTED_SCHEMA_VERSIONS } from '../protocol.ts';

export function checkSchemaVersion(version: number): void {
  if (!SUPPORTED_SCHEMA_VERSIONS.includes(version)) {
    throw new AppError(
      ERROR_CODES.unsupportedSchemaVersion,
      `This app speaks sync schema version ${version}; the server accepts ${SUPPORTED_SCHEMA_VERSIONS.join(', ')}. Update the app: your unsynced changes are kept.`,
    );
  }
}
