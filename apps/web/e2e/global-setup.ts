import { startServer } from './harness/server.ts';
import { makeTemplateDataDir, removeTemplateDataDir } from './harness/template-data-dir.ts';

/** Seeds one demo database for the whole run (see harness/template-data-dir.ts). */
export default async function setup(): Promise<() => Promise<void>> {
  const dir = await makeTemplateDataDir(async (dataDir) => {
    const server = await startServer({ dataDir });
    await server.stop({ keepDataDir: true });
  });
  return () => removeTemplateDataDir(dir);
}
