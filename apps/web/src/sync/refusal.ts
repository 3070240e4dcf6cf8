import { AppError } from '@lastmile/domain';

/** The message of a change the device refused, or a generic one for anything unexpected. */
export function refusalMessage(error: unknown, fallback: string): string {
  return error instanceof AppError ? error.message : fallback;
}
