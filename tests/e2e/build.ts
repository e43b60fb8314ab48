/**
 * Builds the client once for all browser tests. Test files may run in parallel workers,
 * so a lock directory (mkdir is atomic) makes the second worker wait for the first; a
 * build newer than every client, shared and level source is reused as it is.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..', '..');
const builtIndex = join(repoRoot, 'dist', 'client', 'index.html');
const lockDir = join(repoRoot, 'artifacts', '.client-build.lock');
const SOURCE_DIRS = ['client', 'shared', 'levels'];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function isFresh(): boolean {
  if (!existsSync(builtIndex)) return false;
  const built = statSync(builtIndex).mtimeMs;
  return SOURCE_DIRS.every((d) => !existsSync(join(repoRoot, d)) || newestMtime(join(repoRoot, d)) < built);
}

async function waitForLock(): Promise<boolean> {
  mkdirSync(join(repoRoot, 'artifacts'), { recursive: true });
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    try {
      mkdirSync(lockDir);
      return true;
    } catch {
      // A stale lock from a killed run is older than any build takes.
      const lock = statSync(lockDir, { throwIfNoEntry: false });
      if (lock && Date.now() - lock.mtimeMs > 240_000) rmSync(lockDir, { force: true, recursive: true });
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return false;
}

export async function ensureClientBuilt(): Promise<void> {
  if (isFresh()) return;
  const gotLock = await waitForLock();
  try {
    if (isFresh()) return;
    const vite = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
    const result = spawnSync(
      process.execPath,
      [vite, 'build', '--config', 'client/vite.config.ts', '--logLevel', 'warn'],
      {
        cwd: repoRoot,
        encoding: 'utf8',
        // The test runner sets NODE_ENV=test, which would build the libraries' development
        // code paths: test (and measure) the bundle that ships.
        env: { ...process.env, NODE_ENV: 'production' },
      },
    );
    if (result.status !== 0) throw new Error(`client build failed:\n${result.stdout}\n${result.stderr}`);
  } finally {
    if (gotLock) rmSync(lockDir, { force: true, recursive: true });
  }
}
