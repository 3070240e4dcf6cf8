import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_DIR, WEB_DIST } from './paths.ts';
import { copyTemplateDataDir } from './template-data-dir.ts';

export type TestServer = {
  /** e.g. http://127.0.0.1:43121 — the API and the built PWA on one origin. */
  url: string;
  port: number;
  dataDir: string;
  /** Everything the server printed so far (shown when start-up fails). */
  output: () => string;
  /** Ends the server and deletes its data directory (unless told to keep it). */
  stop: (options?: { keepDataDir?: boolean }) => Promise<void>;
  /**
   * Ends the API process at once, like a crash or a power cut (SIGKILL unless told otherwise:
   * no graceful shutdown, nothing flushed); the port and data directory stay for `restart()`.
   */
  kill: (signal?: NodeJS.Signals) => Promise<void>;
  /** Starts the API again on the same port and data directory, and waits until it is ready. */
  restart: () => Promise<void>;
};

export type StartServerOptions = {
  /** Extra environment for the API process (e.g. LOG_LEVEL: 'debug'). */
  env?: Record<string, string>;
  readyTimeoutMs?: number;
  /** An empty directory to use (the suite's template); default: a fresh temp dir on a copy of the template. */
  dataDir?: string;
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

async function waitUntilReady(
  url: string,
  child: ChildProcess,
  output: () => string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitedEarly = false;
  child.once('exit', () => {
    exitedEarly = true;
  });
  while (Date.now() < deadline) {
    if (exitedEarly) throw new Error(`API server exited during start-up (code ${child.exitCode}):\n${output()}`);
    const ready = await fetch(`${url}/api/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`API server not ready after ${timeoutMs} ms:\n${output()}`);
}

/**
 * Starts the real API (`apps/api/src/server.ts` through tsx) on a free port with a fresh
 * PGlite data directory; the server seeds demo data and serves apps/web/dist. Always call
 * `stop()`: it ends the server and deletes the data directory.
 */
export async function startServer(options: StartServerOptions = {}): Promise<TestServer> {
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    throw new Error('apps/web/dist is missing: run `pnpm --filter @lastmile/web build` first (`pnpm test:e2e` does).');
  }
  // Files run side by side: between freePort() closing its probe and the server binding, another
  // file's server (or anything else) may take the same port. That is a lost race, not a failure.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startServerOnce(options, await freePort());
    } catch (error) {
      if (attempt >= 3 || !String(error).includes('EADDRINUSE')) throw error;
    }
  }
}

async function startServerOnce(options: StartServerOptions, port: number): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'lastmile-e2e-')));
  if (!options.dataDir) await copyTemplateDataDir(dataDir);
  const url = `http://127.0.0.1:${port}`;

  let log = '';
  const append = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  const output = () => log;

  // Node itself runs the server (tsx as a loader, no wrapper process), so killing this one
  // child ends it; staying in our process group means Ctrl-C in the terminal reaches it too.
  const launch = (): ChildProcess => {
    const next = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: API_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        WEB_DIST,
        LOG_LEVEL: 'warn',
        DATABASE_URL: '',
        ...options.env,
      },
    });
    next.stdout?.on('data', append);
    next.stderr?.on('data', append);
    return next;
  };
  let child = launch();

  // If the test process ends without calling stop() (a crash, a forgotten afterAll), do not
  // leave a server running.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const done = exited(child);
    child.kill(signal);
    await done;
  };

  const stop = async ({ keepDataDir = false }: { keepDataDir?: boolean } = {}) => {
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      const done = exited(child);
      child.kill('SIGTERM');
      const ended = await Promise.race([done.then(() => true), new Promise((r) => setTimeout(() => r(false), 5000))]);
      if (!ended) {
        child.kill('SIGKILL');
        await done;
      }
    }
    if (!keepDataDir) await rm(dataDir, { recursive: true, force: true });
  };

  const restart = async () => {
    await kill();
    log += '\n--- restarted ---\n';
    child = launch();
    await waitUntilReady(url, child, output, options.readyTimeoutMs ?? 120_000);
  };

  try {
    await waitUntilReady(url, child, output, options.readyTimeoutMs ?? 120_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, dataDir, output, stop, kill, restart };
}
