import { useId } from 'react';
import { useT } from '../../i18n/index.ts';
import {
  useCrewSettings,
  useOfficeWindowSettings,
  useOrganizationSettings,
  usePhotoSettings,
  useReviewSettings,
} from './admin-api.ts';
import { CrewSection } from './crew-section.tsx';
import { OfficeWindowSection } from './office-window-section.tsx';
import { adminProblem } from './admin-errors.ts';
import { LogoSection } from './logo-section.tsx';
import { OrganizationSection } from './organization-section.tsx';
import { PhotosSection } from './photos-section.tsx';
import { ReviewSection } from './review-section.tsx';
import './admin.css';

/**
 * The organization's settings in one place, a section each: name, time zone and language; the
 * logo on reports; who reviews submissions; photo limits; shared phones' idle time. Each
 * section saves on its own.
 */
export function SettingsScreen() {
  const t = useT();
  const ids = useId();
  const organization = useOrganizationSettings();
  const review = useReviewSettings();
  const photos = usePhotoSettings();
  const crew = useCrewSettings();
  const officeWindow = useOfficeWindowSettings();
  const failed = [organization, review, photos, crew, officeWindow].find((q) => q.isError);
  return (
    <section className="office admin" aria-labelledby={`${ids}-h`}>
      <h1 id={`${ids}-h`}>{t('admin.settings.title')}</h1>
      {failed && (
        <p className="form-error" role="alert">
          {adminProblem(failed.error)}
        </p>
      )}
      {organization.isPending && <p role="status">{t('admin.loading')}</p>}
      {organization.data && (
        <>
          <OrganizationSection settings={organization.data} />
          <LogoSection logo={organization.data.logo} />
        </>
      )}
      {review.data && <ReviewSection settings={review.data} />}
      {photos.data && <PhotosSection settings={photos.data} />}
      {crew.data && <CrewSection settings={crew.data} />}
      {officeWindow.data && <OfficeWindowSection settings={officeWindow.data} />}
    </section>
  );
}
