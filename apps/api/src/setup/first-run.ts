import { count } from 'drizzle-orm';
import { z } from 'zod';
import { AppError, ERROR_CODES, MIN_PASSWORD_LENGTH } from '@lastmile/domain';
import { writeInOrg } from '@lastmile/sync/server';
import { hashPassword } from '../auth/password.ts';
import type { Db } from '../db/client.ts';
import { organizations } from '../db/schema/index.ts';
import { createOrganization } from '../services/create-organization.ts';
import { createUser } from '../services/create-user.ts';

export const firstRunInputSchema = z.object({
  orgName: z.string().trim().min(1, { message: '--org is required' }).max(200),
  adminName: z.string().trim().min(1, { message: '--admin-name is required' }).max(200),
  adminEmail: z.email({ message: '--admin-email must be an email address' }),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, { message: `the password must be at least ${MIN_PASSWORD_LENGTH} characters` })
    .max(200),
});
export type FirstRunInput = z.infer<typeof firstRunInputSchema>;

/**
 * A real deployment's first organization and its admin, on an empty database only: the demo
 * seed then stays away (it runs on an empty database only), and an existing organization can
 * never gain an admin this way.
 */
export async function setUpFirstOrganization(
  db: Db,
  input: FirstRunInput,
): Promise<{ orgId: string; adminId: string; email: string }> {
  const valid = firstRunInputSchema.parse(input);
  const [existing] = await db.select({ n: count() }).from(organizations);
  if ((existing?.n ?? 0) > 0) {
    throw new AppError(ERROR_CODES.conflict, 'This database already has an organization; setup is for an empty one.');
  }
  const passwordHash = await hashPassword(valid.password);
  const orgId = crypto.randomUUID();
  return writeInOrg(db, orgId, async (tx, recorder) => {
    await createOrganization(tx, { id: orgId, name: valid.orgName });
    const admin = await createUser(tx, recorder, {
      orgId,
      teamId: null,
      name: valid.adminName,
      email: valid.adminEmail,
      role: 'admin',
      passwordHash,
    });
    return { orgId, adminId: admin.id, email: admin.email };
  });
}
