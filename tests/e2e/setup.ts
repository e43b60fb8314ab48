/**
 * What every end-to-end file sets up: the client built (once), then a server and a browser
 * started before the file's tests and stopped after them.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser';
import { ensureClientBuilt } from './build';
import { type RunningServer, startServer } from './server';

export interface Rig {
  server: RunningServer;
  browser: Browser;
}

/** Call inside a `describe`; read the fields inside tests (they are set in `beforeAll`). */
export function useServerAndBrowser(): Rig {
  const rig = {} as Rig;
  beforeAll(async () => {
    await ensureClientBuilt();
    rig.server = await startServer();
    rig.browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await rig.browser?.close();
    await rig.server?.stop();
  });
  return rig;
}
