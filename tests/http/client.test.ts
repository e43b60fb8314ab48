import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createHttpApp } from '../../server/http/create-http-app';
import { CLIENT_NOT_BUILT } from '../../server/http/static-client';
import { MemoryRoomStore } from '../../server/store/memory-store';
import { LEVELS } from './fixtures';
import { type Served, serve } from './serve';

const INDEX =
  '<!doctype html><title>Memory Arena</title><script type="module" src="/assets/main-abc123.js"></script>';
const SCRIPT = 'console.log("arena");';

let clientDir: string;
let served: Served;
const store = new MemoryRoomStore({ ttlSeconds: 60 });

beforeAll(async () => {
  clientDir = await mkdtemp(join(tmpdir(), 'arena-client-'));
  await mkdir(join(clientDir, 'assets'));
  await writeFile(join(clientDir, 'index.html'), INDEX);
  await writeFile(join(clientDir, 'assets', 'main-abc123.js'), SCRIPT);
  await writeFile(join(clientDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(join(clientDir, '.env'), 'SECRET=1');
  served = await serve(createHttpApp({ store, levels: LEVELS, clientDir }));
});

afterAll(async () => {
  await served?.close();
  await rm(clientDir, { recursive: true, force: true });
});

describe('the built client', () => {
  test('the root page is index.html, revalidated on every visit', async () => {
    const response = await fetch(`${served.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toBe(INDEX);
  });

  test('hashed assets are served as files and cached for good', async () => {
    const response = await fetch(`${served.url}/assets/main-abc123.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await response.text()).toBe(SCRIPT);
    const icon = await fetch(`${served.url}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('cache-control')).not.toMatch(/immutable/);
  });

  test('page paths fall back to index.html so a reload keeps the page', async () => {
    for (const path of ['/room/QWERTY', '/host', '/solo/heap-place/replay', '/index.html']) {
      const response = await fetch(`${served.url}${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toBe(INDEX);
    }
  });

  test('missing files and hidden files are 404s, never the page', async () => {
    for (const path of ['/assets/main-old999.js', '/missing.css', '/.env', '/socket.io/']) {
      const response = await fetch(`${served.url}${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(await response.text()).not.toContain('Memory Arena</title>');
    }
  });

  test('API paths are never answered with the page', async () => {
    const response = await fetch(`${served.url}/api/unknown/page`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'not-found' });
  });
});

describe('security headers', () => {
  test('a CSP for the client’s own scripts, blob: workers and same-host sockets', async () => {
    const response = await fetch(`${served.url}/room/QWERTY`);
    const csp = response.headers.get('content-security-policy') ?? '';
    const directives = new Map(
      csp.split(';').map((part) => {
        const [name = '', ...values] = part.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('worker-src')).toEqual(["'self'", 'blob:']);
    expect(directives.get('connect-src')).toEqual(["'self'", 'ws:', 'wss:']);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'self'"]);
    expect(directives.has('upgrade-insecure-requests')).toBe(false);
  });

  test('helmet’s other headers are on every response, the framework is not named', async () => {
    for (const path of ['/', '/healthz', '/api/levels', '/api/nothing', '/assets/main-abc123.js']) {
      const response = await fetch(`${served.url}${path}`);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(response.headers.get('x-powered-by')).toBeNull();
    }
  });
});

describe('before the client is built', () => {
  const extra: Served[] = [];
  afterEach(async () => {
    await Promise.all(extra.splice(0).map((s) => s.close()));
  });

  test('pages say how to build it, and the API still works', async () => {
    const missing = join(clientDir, 'not-built-yet');
    const bare = await serve(createHttpApp({ store, levels: LEVELS, clientDir: missing }));
    extra.push(bare);
    for (const path of ['/', '/room/QWERTY']) {
      const response = await fetch(`${bare.url}${path}`);
      expect(response.status).toBe(503);
      expect(await response.text()).toBe(CLIENT_NOT_BUILT);
    }
    expect((await fetch(`${bare.url}/api/levels`)).status).toBe(200);
    expect((await fetch(`${bare.url}/healthz`)).status).toBe(200);

    // Building it later is picked up without a restart.
    await mkdir(missing);
    await writeFile(join(missing, 'index.html'), INDEX);
    expect(await (await fetch(`${bare.url}/room/QWERTY`)).text()).toBe(INDEX);
  });
});
