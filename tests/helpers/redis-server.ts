/**
 * A private `redis-server` for a test file: its own free port, no persistence, killed after.
 * Tests never touch a Redis that may already run on the machine.
 *
 *   const redis = await startRedis();   // in beforeAll
 *   ... createStore({ redisUrl: redis.url }) ...
 *   await redis.stop();                 // in afterAll
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

export interface RunningRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;
const START_ATTEMPTS = 3;

const NOT_INSTALLED =
  'redis-server is not installed, and the Redis tests need a real one: apt-get install -y redis-server';

export async function startRedis(): Promise<RunningRedis> {
  let lastError: unknown;
  // Another process may take the free port between finding it and redis binding it: retry.
  for (let attempt = 0; attempt < START_ATTEMPTS; attempt++) {
    const port = await freePort();
    try {
      const child = await launch(port);
      return { url: `redis://127.0.0.1:${port}`, port, stop: () => stop(child) };
    } catch (error) {
      if (error instanceof Error && error.message === NOT_INSTALLED) throw error;
      lastError = error;
    }
  }
  throw lastError;
}

function launch(port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'redis-server',
      [
        '--bind',
        '127.0.0.1',
        '--port',
        String(port),
        '--save',
        '',
        '--appendonly',
        'no',
        '--loglevel',
        'notice',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    let settled = false;
    const finish = (error: Error | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.stdout?.removeAllListeners('data');
      // Keep draining so a chatty server never blocks on a full pipe.
      child.stdout?.resume();
      child.stderr?.resume();
      if (error) {
        child.kill('SIGKILL');
        reject(error);
      } else {
        resolve(child);
      }
    };
    const timer = setTimeout(
      () =>
        finish(
          new Error(`redis-server did not start on port ${port} within ${READY_TIMEOUT_MS} ms:\n${output}`),
        ),
      READY_TIMEOUT_MS,
    );
    child.on('error', (error: NodeJS.ErrnoException) =>
      finish(error.code === 'ENOENT' ? new Error(NOT_INSTALLED) : error),
    );
    child.on('exit', (code, signal) =>
      finish(
        new Error(`redis-server exited (${signal ?? code}) before it was ready on port ${port}:\n${output}`),
      ),
    );
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      output += chunk;
      if (output.includes('Ready to accept connections')) finish(null);
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
