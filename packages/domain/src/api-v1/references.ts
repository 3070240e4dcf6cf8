import { z } from 'zod';
import { customerRowSchema, itemStatusSchema, outstandingItemRowSchema, siteRowSchema } from '../entities.ts';
import { idSchema } from '../ids.ts';
import { many } from '../office/job-filter-fields.ts';
import { cursorPageSchema, cursorQueryFields } from './cursor-page.ts';

export const apiCustomersQuerySchema = z.object({ ...cursorQueryFields });
export type ApiCustomersQuery = z.infer<typeof apiCustomersQuerySchema>;
export const apiCustomersPageSchema = cursorPageSchema(customerRowSchema);

export const apiSitesQuerySchema = z.object({ customerId: idSchema.optional(), ...cursorQueryFields });
export type ApiSitesQuery = z.infer<typeof apiSitesQuerySchema>;
export const apiSitesPageSchema = cursorPageSchema(siteRowSchema);

export const apiItemsQuerySchema = z.object({
  status: many(itemStatusSchema).optional(),
  jobId: idSchema.optional(),
  siteId: idSchema.optional(),
  ...cursorQueryFields,
});
export type ApiItemsQuery = z.infer<typeof apiItemsQuerySchema>;
export const apiItemsPageSchema = cursorPageSchema(outstandingItemRowSchema);
