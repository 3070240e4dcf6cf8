import { AppError } from '@lastmile/domain';
import { serverMessage } from '../i18n/index.ts';

/**
 * The message of a change the device refused — in the person's language when the refusal carries
 * a key (job transitions, sign-in), else its English — or a generic one for anything unexpected.
 */
export function refusalMessage(error: unknown, fallback: string): string {
  return error instanceof AppError ? serverMessage(error.detail, error.message) : fallback;
}
