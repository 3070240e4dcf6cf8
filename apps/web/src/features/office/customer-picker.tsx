import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback } from 'react';
import { useAppDb } from '../../local-db/app-db-context.tsx';
import { Combobox, type ComboboxOption } from '../../ui/combobox.tsx';
import { searchCustomers } from './customer-search.ts';

type Props = {
  label: string;
  value: string;
  onChange: (customerId: string) => void;
  required?: boolean;
  error?: string | undefined;
  /** In a filter: what no customer means ("Any"). */
  emptyLabel?: string;
};

/** Customers replicate to the office's device: the picker searches them there, offline too. */
export function CustomerPicker({ label, value, onChange, required, error, emptyLabel }: Props) {
  const db = useAppDb();
  const chosen = useLiveQuery(async () => (value ? ((await db.customers.get(value)) ?? null) : null), [db, value]);
  const search = useCallback(
    async (text: string): Promise<ComboboxOption[]> =>
      (await searchCustomers(db, text)).map((c) => ({
        value: c.id,
        label: c.name,
        ...(c.email || c.phone ? { detail: [c.phone, c.email].filter(Boolean).join(' · ') } : {}),
      })),
    [db],
  );
  return (
    <Combobox
      label={label}
      value={value}
      valueLabel={chosen?.name ?? ''}
      search={search}
      onChange={onChange}
      {...(required ? { required } : {})}
      {...(error ? { error } : {})}
      {...(emptyLabel ? { emptyLabel } : {})}
    />
  );
}
