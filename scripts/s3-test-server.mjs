#!/usr/bin/env node
// An S3 API for the S3 store's tests, as its own process (CI starts it; see .ci/run): s3rver from
// apps/api's dev dependencies, on 127.0.0.1 at a free port (or S3_TEST_PORT), with a throwaway folder and
// the bucket S3_TEST_BUCKET (default lastmile-test). Prints its URL as the first line of stdout;
// SIGTERM or SIGINT stops it and removes the folder. Credentials: S3RVER / S3RVER.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(new URL('../apps/api/package.json', import.meta.url));
const S3rver = require('s3rver');

const directory = mkdtempSync(join(tmpdir(), 'lastmile-s3rver-'));
const bucket = process.env.S3_TEST_BUCKET || 'lastmile-test';
const server = new S3rver({
  address: '127.0.0.1',
  port: Number(process.env.S3_TEST_PORT || 0),
  silent: true,
  directory,
  configureBuckets: [{ name: bucket }],
});

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await server.close().catch(() => {});
  rmSync(directory, { recursive: true, force: true });
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

try {
  const { port } = await server.run();
  console.log(`http://127.0.0.1:${port}`);
  console.error(`s3rver: bucket ${bucket} in ${directory}`);
} catch (error) {
  rmSync(directory, { recursive: true, force: true });
  console.error(`s3rver could not start: ${error.message}`);
  process.exit(1);
}
