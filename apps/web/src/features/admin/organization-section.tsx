import {
  organizationSettingsUpdateSchema,
  ORG_LOCALES,
  type OrganizationSettings,
  type OrgLocale,
} from '@lastmile/domain';
import { useId, useMemo, useState } from 'react';
import { useT, type MessageKey } from '../../i18n/index.ts';
import { useServerForm } from '../../ui/forms/form-errors.ts';
import { OfficeForm } from '../../ui/forms/office-form.tsx';
import { SelectField, TextField } from '../../ui/forms/text-field.tsx';
import { adminApi, adminKeys, useRefreshAdmin } from './admin-api.ts';

const LOCALE_NAMES: Record<OrgLocale, MessageKey> = { en: 'admin.org.locale.en', pl: 'admin.org.locale.pl' };

/** Every IANA zone this browser knows, with the current one kept even if it does not. */
function timeZones(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return known.includes(current) ? known : [current, ...known];
}

export function OrganizationSection({ settings }: { settings: OrganizationSettings }) {
  const t = useT();
  const id = useId();
  const form = useServerForm();
  const refresh = useRefreshAdmin();
  const [v, setV] = useState<Record<'name' | 'timeZone' | 'locale', string>>({
    name: settings.name,
    timeZone: settings.timeZone,
    locale: settings.locale,
  });
  const zones = useMemo(() => timeZones(settings.timeZone), [settings.timeZone]);
  return (
    <section className="admin-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('admin.org.title')}</h2>
      <OfficeForm
        form={form}
        submitLabel={t('admin.org.save')}
        onSubmit={() =>
          void form
            .submit(organizationSettingsUpdateSchema, v, (body) => adminApi.updateOrganization(body))
            .then((saved) => saved && refresh(adminKeys.organization))
        }
      >
        <TextField
          label={t('admin.org.name')}
          value={v.name}
          error={form.errors['name']}
          onChange={(name) => setV({ ...v, name })}
        />
        <SelectField
          label={t('admin.org.timeZone')}
          value={v.timeZone}
          error={form.errors['timeZone']}
          options={zones.map((zone) => ({ value: zone, label: zone.replaceAll('_', ' ') }))}
          onChange={(timeZone) => setV({ ...v, timeZone })}
        />
        <p className="field__hint">{t('admin.org.timeZoneHint')}</p>
        <SelectField
          label={t('admin.org.locale')}
          value={v.locale}
          error={form.errors['locale']}
          options={ORG_LOCALES.map((locale) => ({ value: locale, label: t(LOCALE_NAMES[locale]) }))}
          onChange={(locale) => setV({ ...v, locale })}
        />
        <p className="field__hint">{t('admin.org.localeHint')}</p>
      </OfficeForm>
    </section>
  );
}
