import { describe, expect, it } from 'vitest';
import { checkPhoto, DEFAULT_PHOTO_SETTINGS } from './limits.ts';

const MB = 1024 * 1024;
const settings = { ...DEFAULT_PHOTO_SETTINGS, maxBytes: 20 * MB };

describe('checkPhoto', () => {
  it('says a photo just over the limit is over it, not the same size as the limit', () => {
    expect(checkPhoto(settings, { size: 20 * MB + 1, contentType: 'image/jpeg' }, 0)).toEqual({
      reason: 'This photo is 20.1 MB; the largest allowed is 20 MB.',
      detail: { key: 'photo.tooLarge', params: { sizeMb: 20.1, maxMb: 20 } },
    });
    expect(checkPhoto(settings, { size: 20 * MB, contentType: 'image/jpeg' }, 0)).toBeNull();
  });
});
