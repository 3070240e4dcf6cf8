import { accessSync, constants } from 'node:fs';

const DEFAULT_PATH = '/usr/bin/chromium';

/** The system Chromium (browser downloads are blocked here, so playwright's own builds are out). */
export function findChromium(env: Record<string, string | undefined> = process.env): string {
  const path = env['CHROMIUM_PATH']?.trim() || DEFAULT_PATH;
  try {
    accessSync(path, constants.X_OK);
    return path;
  } catch {
    throw new Error(
      `Chromium not found at ${path}: install it with \`apt-get install -y chromium\` or set CHROMIUM_PATH`,
    );
  }
}
