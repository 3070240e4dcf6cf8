import { describe, expect, it } from 'vitest';
import { organizationSettingsUpdateSchema, timeZoneSchema } from './organization-settings.ts';

describe('the organization time zone', () => {
  it('is stored the way IANA spells it, whatever the case it was typed in', () => {
    expect(timeZoneSchema.parse('europe/warsaw')).toBe('Europe/Warsaw');
    expect(timeZoneSchema.parse(' America/New_York ')).toBe('America/New_York');
    expect(timeZoneSchema.parse('UTC')).toBe('UTC');
  });

  it.each(['Mars/Olympus_Mons', '', '+01:00', '../etc/passwd', 'Europe/Warsaw; drop table', 'A'.repeat(65)])(
    'refuses %j with a message that names an example',
    (value) => {
      const parsed = timeZoneSchema.safeParse(value);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toMatch(/IANA time zone, like Europe\/Warsaw/);
    },
  );
});

describe('an organization settings change', () => {
  it('needs at least one field and refuses unknown ones', () => {
    expect(organizationSettingsUpdateSchema.safeParse({}).success).toBe(false);
    expect(organizationSettingsUpdateSchema.safeParse({ name: 'A', color: 'red' }).success).toBe(false);
    expect(organizationSettingsUpdateSchema.parse({ locale: 'pl' })).toEqual({ locale: 'pl' });
  });
});
