import { useLiveQuery } from 'dexie-react-hooks';
import type { JobTypeRow, SiteRow, TeamRow, UserRow } from '@lastmile/domain';
import { useAppDb } from '../../local-db/app-db-context.tsx';

export type ReferenceRows = {
  jobTypes: JobTypeRow[];
  teams: TeamRow[];
  /** Active people who do field work (technicians and leads), by name. */
  fieldPeople: UserRow[];
};

const byName = <R extends { name: string }>(a: R, b: R) => a.name.localeCompare(b.name);

/**
 * Job types, teams and people replicate to every device: the forms read them locally. Customers
 * too, but an organization may have thousands: they are searched (customer-search.ts), not listed.
 */
export function useReferenceRows(): ReferenceRows | undefined {
  const db = useAppDb();
  return useLiveQuery(async () => {
    const [jobTypes, teams, users] = await Promise.all([db.jobTypes.toArray(), db.teams.toArray(), db.users.toArray()]);
    return {
      jobTypes: jobTypes.sort(byName),
      teams: teams.sort(byName),
      fieldPeople: users.filter((u) => u.active && (u.role === 'technician' || u.role === 'lead')).sort(byName),
    };
  }, [db]);
}

export function useSitesOf(customerId: string): SiteRow[] | undefined {
  const db = useAppDb();
  return useLiveQuery(
    async () =>
      customerId
        ? (await db.sites.where('customerId').equals(customerId).toArray()).sort((a, b) =>
            a.address.localeCompare(b.address),
          )
        : [],
    [db, customerId],
  );
}
