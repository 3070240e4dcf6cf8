import type { CrewSettings } from '@lastmile/domain';
import { adminApi, adminKeys } from './admin-api.ts';
import { NumberSettingSection } from './number-setting-section.tsx';

/** Shared phones (crew mode, ADR 0033): how long one may lie untouched before it asks who holds it. */
export function CrewSection({ settings }: { settings: CrewSettings }) {
  return (
    <NumberSettingSection
      value={settings.idleMinutes}
      min={1}
      max={240}
      refreshKey={adminKeys.crew}
      words={{
        title: 'admin.crew.title',
        label: 'admin.crew.idle',
        hint: 'admin.crew.hint',
        save: 'admin.crew.save',
        saved: 'admin.crew.saved',
      }}
      save={(idleMinutes) => adminApi.setCrew({ idleMinutes })}
    />
  );
}
