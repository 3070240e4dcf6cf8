import {
  customerInputSchema,
  siteInputSchema,
  siteUpdateSchema,
  type CustomerRow,
  type SiteRow,
} from '@lastmile/domain';
import { useState } from 'react';
import { useT } from '../../i18n/index.ts';
import { useServerForm } from '../../ui/forms/form-errors.ts';
import { officeApi } from './office-api.ts';
import { OfficeForm } from '../../ui/forms/office-form.tsx';
import { TextField } from '../../ui/forms/text-field.tsx';

/** New or edited customer; saved online, the row then reaches every device through sync. */
export function CustomerForm({
  customer,
  onSaved,
}: {
  customer: CustomerRow | null;
  onSaved: (row: CustomerRow) => void;
}) {
  const t = useT();
  const form = useServerForm();
  const [v, setV] = useState({
    name: customer?.name ?? '',
    phone: customer?.phone ?? '',
    email: customer?.email ?? '',
  });
  return (
    <OfficeForm
      form={form}
      submitLabel={t('office.customers.save')}
      onSubmit={() =>
        void form
          .submit(customerInputSchema, v, (body) =>
            customer ? officeApi.updateCustomer(customer.id, body) : officeApi.createCustomer(body),
          )
          .then((row) => row && onSaved(row))
      }
    >
      <h2>{customer ? t('office.customers.edit', { name: customer.name }) : t('office.customers.new')}</h2>
      <TextField
        label={t('office.customers.name')}
        value={v.name}
        error={form.errors['name']}
        onChange={(name) => setV({ ...v, name })}
      />
      <TextField
        label={t('office.customers.phone')}
        type="tel"
        value={v.phone}
        error={form.errors['phone']}
        onChange={(phone) => setV({ ...v, phone })}
      />
      <TextField
        label={t('office.customers.email')}
        type="email"
        value={v.email}
        error={form.errors['email']}
        onChange={(email) => setV({ ...v, email })}
      />
    </OfficeForm>
  );
}

export function SiteForm({
  customerId,
  site,
  onSaved,
}: {
  customerId: string;
  site: SiteRow | null;
  onSaved: () => void;
}) {
  const t = useT();
  const form = useServerForm();
  const [v, setV] = useState({
    name: site?.name ?? '',
    address: site?.address ?? '',
    accessNotes: site?.accessNotes ?? '',
  });
  const body = { ...v, lat: site?.lat ?? null, lng: site?.lng ?? null };
  return (
    <OfficeForm
      form={form}
      submitLabel={t('office.sites.save')}
      onSubmit={() => {
        const saving = site
          ? form.submit(siteUpdateSchema, body, (b) => officeApi.updateSite(site.id, b))
          : form.submit(siteInputSchema, { ...body, customerId }, (b) => officeApi.createSite(b));
        void saving.then((row) => row && onSaved());
      }}
    >
      <h3>{site ? t('office.sites.edit', { name: site.name }) : t('office.sites.new')}</h3>
      <TextField
        label={t('office.sites.name')}
        value={v.name}
        error={form.errors['name']}
        onChange={(name) => setV({ ...v, name })}
      />
      <TextField
        label={t('office.sites.address')}
        value={v.address}
        error={form.errors['address']}
        onChange={(address) => setV({ ...v, address })}
      />
      <TextField
        label={t('office.sites.accessNotes')}
        multiline
        value={v.accessNotes}
        error={form.errors['accessNotes']}
        onChange={(accessNotes) => setV({ ...v, accessNotes })}
      />
    </OfficeForm>
  );
}
