import { useEffect, useState } from 'react';
import { LanguageSwitch, useT } from '../../i18n/index.ts';
import type { DeviceDb } from './device-db.ts';
import { saveRevocation, wipeDevice, type Revocation } from './device-wipe.ts';
import './sign-in.css';

type Erasing = 'erasing' | 'erased' | 'failed';

/**
 * What a revoked device shows (ADR 0028): who removed it and why, while it erases what Lastmile
 * kept here. Signing in again afterwards sets the browser up as a new device.
 */
export function DeviceRevokedScreen({ revocation, db }: { revocation: Revocation; db: DeviceDb }) {
  const t = useT();
  const [erasing, setErasing] = useState<Erasing>(revocation.wiped ? 'erased' : 'erasing');

  useEffect(() => {
    if (revocation.wiped) return;
    let cancelled = false;
    wipeDevice(db).then(
      () => {
        saveRevocation({ ...revocation, wiped: true });
        if (!cancelled) setErasing('erased');
      },
      () => {
        if (!cancelled) setErasing('failed');
      },
    );
    return () => {
      cancelled = true;
    };
  }, [revocation, db]);

  useEffect(() => {
    document.title = t('revoked.title');
  }, [t]);

  return (
    <main id="main" className="sign-in">
      <div className="sign-in__card">
        <h1 className="sign-in__title">{t('revoked.title')}</h1>
        <p>{revocation.orgName ? t('revoked.byOrg', { org: revocation.orgName }) : t('revoked.byAdmin')}</p>
        {revocation.reason ? <p>{t('revoked.reason', { reason: revocation.reason })}</p> : null}
        <p role="status">
          {erasing === 'erasing' ? t('revoked.erasing') : erasing === 'erased' ? t('revoked.erased') : null}
        </p>
        {erasing === 'failed' ? <p role="alert">{t('revoked.failed')}</p> : null}
        <p>{t('revoked.next')}</p>
        <button
          type="button"
          className="button button--primary"
          disabled={erasing === 'erasing'}
          onClick={() => {
            saveRevocation(null);
            location.assign('/');
          }}
        >
          {t('revoked.signInAgain')}
        </button>
        <LanguageSwitch />
      </div>
    </main>
  );
}
