import { useT } from '../../i18n/index.ts';
import { useCrew } from './crew-context.tsx';

/**
 * In the header while the phone has a crew: who is acting, on every width (R5: "the acting person
 * is always visible"), and one tap back to the picker.
 */
export function CrewSwitch() {
  const t = useT();
  const crew = useCrew();
  if (crew.people.length < 2) return null;
  return (
    <button type="button" className="button button--ghost button--on-dark crew-switch" onClick={crew.lock}>
      <span aria-hidden="true">{crew.acting.user.name}</span>
      <span className="visually-hidden">{t('crew.acting', { name: crew.acting.user.name })}, </span>
      {t('crew.switch')}
    </button>
  );
}
