import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sniffImageType } from './sniff-image.ts';
import { makeDemoPhoto } from './demo-photo.ts';

describe('makeDemoPhoto', () => {
  it('makes a 1600×1200 JPEG by default', async () => {
    const bytes = await makeDemoPhoto('J-1042 · Boiler <before> & "after"', 210);
    expect(sniffImageType(bytes)).toBe('image/jpeg');
    expect(await sharp(bytes).metadata()).toMatchObject({ format: 'jpeg', width: 1600, height: 1200 });
  });

  it('makes the size asked for, in colours that follow the hue', async () => {
    const [red, blue] = await Promise.all([
      makeDemoPhoto('Meter', 0, { width: 640, height: 480 }),
      makeDemoPhoto('Meter', 240, { width: 640, height: 480 }),
    ]);
    expect(await sharp(red).metadata()).toMatchObject({ format: 'jpeg', width: 640, height: 480 });
    // The top of the sky: red dominates at hue 0, blue at hue 240.
    const sky = async (bytes: Buffer) =>
      (await sharp(bytes).extract({ left: 0, top: 0, width: 64, height: 32 }).stats()).channels;
    const [r0, , b0] = await sky(red);
    const [r1, , b1] = await sky(blue);
    expect(r0!.mean).toBeGreaterThan(b0!.mean);
    expect(b1!.mean).toBeGreaterThan(r1!.mean);
  });
});
