import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A server's first start creates its PGlite database, migrates it and seeds the demo: about six
 * seconds, paid by every e2e file. The suite pays it once instead (vitest `globalSetup`): one server
 * starts on a template directory and stops cleanly, and each file's server starts on a copy
 * (a reopen takes well under a second). The template is used only on the day it was seeded, since
 * the demo's jobs are "today's".
 */
const TEMPLATE_ENV = 'E2E_TEMPLATE_DATA_DIR';
const SEEDED_ON = 'e2e-template-seeded-on';

function today(): string {
  return new Date().toDateString();
}

export async function makeTemplateDataDir(seed: (dataDir: string) => Promise<void>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lastmile-e2e-template-'));
  await seed(dir);
  await writeFile(join(dir, SEEDED_ON), today());
  process.env[TEMPLATE_ENV] = dir;
  return dir;
}

export async function removeTemplateDataDir(dir: string): Promise<void> {
  if (process.env[TEMPLATE_ENV] === dir) delete process.env[TEMPLATE_ENV];
  await rm(dir, { recursive: true, force: true });
}

/** Copies the template into `dataDir` when there is a usable one; false means start from empty. */
export async function copyTemplateDataDir(dataDir: string): Promise<boolean> {
  const template = process.env[TEMPLATE_ENV];
  if (!template || !existsSync(join(template, SEEDED_ON))) return false;
  if ((await readFile(join(template, SEEDED_ON), 'utf8')) !== today()) return false;
  await cp(template, dataDir, { recursive: true, filter: (source) => !source.endsWith(SEEDED_ON) });
  return true;
}
