import type { PhotoLocation } from '@lastmile/domain';

/**
 * The device's position for photos, when the organization keeps photo locations: GPS works
 * without signal. Never blocks a photo: no permission, no fix within `timeoutMs` → null.
 */
export function currentLocation(timeoutMs = 4000): Promise<PhotoLocation | null> {
  const geo = typeof navigator !== 'undefined' ? navigator.geolocation : undefined;
  if (!geo) return Promise.resolve(null);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs + 500);
    geo.getCurrentPosition(
      ({ coords }) => {
        clearTimeout(timer);
        resolve({ lat: coords.latitude, lng: coords.longitude, accuracyM: Math.min(100_000, coords.accuracy) });
      },
      () => {
        clearTimeout(timer);
        resolve(null);
      },
      { enableHighAccuracy: true, maximumAge: 60_000, timeout: timeoutMs },
    );
  });
}
