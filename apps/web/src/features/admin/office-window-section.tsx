import type { OfficeWindowSettings } from '@lastmile/domain';
import { useId } from 'react';
import { useT } from '../../i18n/index.ts';
import { adminApi, adminKeys } from './admin-api.ts';
import { NumberSettingSection } from './number-setting-section.tsx';
import { useSectionSave } from './use-section-save.ts';

/** How many days of closed work the office's devices keep (ADR 0040); older jobs are read online. */
export function OfficeWindowSection({ settings }: { settings: OfficeWindowSettings }) {
  return (
    <NumberSettingSection
      value={settings.closedDays}
      min={1}
      max={3650}
      refreshKey={adminKeys.officeWindow}
      words={{
        title: 'admin.officeWindow.title',
        label: 'admin.officeWindow.days',
        hint: 'admin.officeWindow.hint',
        save: 'admin.officeWindow.save',
        saved: 'admin.officeWindow.saved',
      }}
      save={(closedDays) => adminApi.setOfficeWindow({ closedDays })}
    >
      <ApplyNow />
    </NumberSettingSection>
  );
}

/**
 * The saved window applied now rather than at the server's next sweep (ADR 0041): an admin who
 * narrowed it sees what left the office computers, and what came back.
 */
function ApplyNow() {
  const t = useT();
  const id = useId();
  const { busy, problem, notice, save } = useSectionSave(adminKeys.officeWindow);
  const apply = () =>
    save(adminApi.applyOfficeWindow, (run) =>
      t('admin.officeWindow.applied', { departed: run.departed, returned: run.returned }),
    );

  return (
    <div className="admin-apply">
      <p id={`${id}-hint`} className="field__hint">
        {t('admin.officeWindow.applyHint')}
      </p>
      <p className="form-error" role="alert">
        {problem}
      </p>
      <p className="admin-notice" role="status">
        {notice}
      </p>
      <button
        type="button"
        className="button"
        aria-describedby={`${id}-hint`}
        disabled={busy}
        onClick={() => void apply()}
      >
        {t('admin.officeWindow.apply')}
      </button>
    </div>
  );
}
