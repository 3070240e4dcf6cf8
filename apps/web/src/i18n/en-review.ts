import type { Message } from './message.ts';

/**
 * English strings of the review loop: the queue and review screen (`review.*`) and what a
 * technician sees of a send back. Spread into the catalog in en.ts, like en-forms.ts.
 */
export const enReview = {
  'mutation.reviewJob': 'Review job',
} as const satisfies Record<string, Message>;
