#!/usr/bin/env node
// Runs before `pnpm install`, `pnpm start` and `pnpm test`: Lastmile needs Node.js 24 (the current
// LTS; Node 20 reached end of life in April 2026). Written for any Node version, so an old one
// gets one clear line instead of a stack trace from a dependency that needs newer APIs.
const REQUIRED_MAJOR = 24;
const major = Number(process.versions.node.split('.')[0]);
if (major < REQUIRED_MAJOR) {
  console.error(
    `Lastmile needs Node.js ${REQUIRED_MAJOR} or newer; this is Node.js ${process.versions.node}. Install Node.js ${REQUIRED_MAJOR} LTS (https://nodejs.org) and run the command again.`,
  );
  process.exit(1);
}
