import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createHttpApp, type HttpAppDeps } from '../../server/http/create-http-app';
import { createStore } from '../../server/store/create-store';
import { hashToken } from '../../server/store/token-hash';
import type { RoomStore } from '../../server/store/types';
import { type RunningRedis, startRedis } from '../helpers/redis-server';
import { HOST_TOKEN, LEVELS, roomWithResults } from './fixtures';
import { type Served, serve } from './serve';

let redis: RunningRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

let prefixes = 0;
async function openStore(kind: 'memory' | 'redis' = 'memory'): Promise<RoomStore> {
  prefixes += 1;
  const store = await createStore({
    keyPrefix: `api${prefixes}:`,
    ...(kind === 'redis' && { redisUrl: redis.url }),
  });
  cleanups.push(() => store.close());
  return store;
}

async function start(deps: Partial<HttpAppDeps> & { store: HttpAppDeps['store'] }): Promise<Served> {
  const served = await serve(createHttpApp({ levels: LEVELS, clientDir: '/nonexistent', ...deps }));
  cleanups.push(() => served.close());
  return served;
}

describe('GET /api/levels', () => {
  test('lists the levels in lesson order with what the level select shows', async () => {
    const { url } = await start({ store: await openStore() });
    const response = await fetch(`${url}/api/levels`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({
      levels: [
        {
          id: 'call-stack-abc',
          order: 1,
          title: 'a() calls b() calls c()',
          concept: 'call-stack',
          stars: [200, 400, 700],
          timeLimit: 600,
          summary: 'Every call pushes a frame.',
        },
        {
          id: 'heap-place',
          order: 2,
          title: 'Finding room',
          concept: 'heap',
          stars: [300, 600, 900],
          timeLimit: 900,
          summary: 'New objects need a free run of cells.',
        },
      ],
    });
  });

  test('takes the pack keyed by id, as the level index exports it', async () => {
    const pack = Object.fromEntries(LEVELS.map((level) => [level.id, level]));
    const { url } = await start({ store: await openStore(), levels: pack });
    const body = (await (await fetch(`${url}/api/levels`)).json()) as { levels: { id: string }[] };
    expect(body.levels.map((level) => level.id)).toEqual(['call-stack-abc', 'heap-place']);
  });
});

describe('GET /api/levels/:id/histogram', () => {
  test('gives the distribution of verified scores, and 404 for an unknown level', async () => {
    const store = await openStore();
    const { url } = await start({ store });
    expect(await (await fetch(`${url}/api/levels/heap-place/histogram`)).json()).toEqual({
      levelId: 'heap-place',
      bucketSize: 100,
      buckets: [],
      total: 0,
    });
    await store.recordSoloScore('heap-place', 150);
    await store.recordSoloScore('heap-place', 20);
    const response = await fetch(`${url}/api/levels/heap-place/histogram`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({
      levelId: 'heap-place',
      bucketSize: 100,
      buckets: [1, 1],
      total: 2,
    });

    const unknown = await fetch(`${url}/api/levels/no-such-level/histogram`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'unknown-level' });
  });
});

describe.each(['memory', 'redis'] as const)('GET /api/rooms/:code/results.csv (%s store)', (kind) => {
  async function withRoom() {
    const store = await openStore(kind);
    await roomWithResults(store, 'QWERTY');
    return start({ store });
  }

  test('without a host token: 401 and no data', async () => {
    const { url } = await withRoom();
    const response = await fetch(`${url}/api/rooms/QWERTY/results.csv`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await response.text()).not.toContain('Koala');
    const notBearer = await fetch(`${url}/api/rooms/QWERTY/results.csv`, {
      headers: { Authorization: `Basic ${HOST_TOKEN}` },
    });
    expect(notBearer.status).toBe(401);
  });

  test('with a wrong token: 403; for an unknown room: 404', async () => {
    const { url } = await withRoom();
    const wrong = await fetch(`${url}/api/rooms/QWERTY/results.csv`, {
      headers: { Authorization: 'Bearer nope' },
    });
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).not.toContain('Koala');
    const wrongQuery = await fetch(`${url}/api/rooms/QWERTY/results.csv?token=nope`);
    expect(wrongQuery.status).toBe(403);
    const unknown = await fetch(`${url}/api/rooms/ZZZZZZ/results.csv?token=${HOST_TOKEN}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'unknown-room' });
  });

  test('with the host token in the header: one row per student per round, formulas defused', async () => {
    const { url } = await withRoom();
    const response = await fetch(`${url}/api/rooms/QWERTY/results.csv`, {
      headers: { Authorization: `Bearer ${HOST_TOKEN}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="memory-arena-QWERTY-results.csv"',
    );
    expect(response.headers.get('cache-control')).toBe('no-store');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).split('\r\n');
    expect(lines[0]).toMatch(
      /^round,level,nickname,score,stars,mistakes: memory-units,mistakes: call-stack,/,
    );
    expect(lines[0]).toMatch(/,crashes,completed$/);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^1,call-stack-abc,Calm Koala,810,2,0,1,/),
      expect.stringMatching(/^1,call-stack-abc,"'=HYPERLINK\(""http:\/\/evil""\)",640,2,0,1,/),
      expect.stringMatching(/^2,heap-place,Nick p1,300,1,/),
      '',
    ]);
    expect(lines[1]).toMatch(/,1,no$/);
    expect(lines[2]).toMatch(/,1,yes$/);
  });

  test('with the host token as ?token= (a plain download link)', async () => {
    const { url } = await withRoom();
    const response = await fetch(`${url}/api/rooms/QWERTY/results.csv?token=${HOST_TOKEN}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Calm Koala');
  });
});

describe('results from the room service', () => {
  test('a plugged-in source replaces the store, and the token is still checked', async () => {
    const { url } = await start({
      store: await openStore(),
      getRoomResults: async (code) =>
        code === 'LIVE42'
          ? {
              hostTokenHash: hashToken('live-token'),
              rows: [
                {
                  playerId: 'x',
                  nickname: 'Live One',
                  round: 2,
                  levelId: 'heap-place',
                  score: 5,
                  stars: 0,
                  mistakesByConcept: {},
                  crashes: 0,
                  completed: false,
                },
              ],
            }
          : null,
      concepts: ['heap'],
    });
    expect((await fetch(`${url}/api/rooms/LIVE42/results.csv?token=other`)).status).toBe(403);
    // text() drops the byte-order mark, as a spreadsheet does.
    const text = await (await fetch(`${url}/api/rooms/LIVE42/results.csv?token=live-token`)).text();
    expect(text).toBe(
      'round,level,nickname,score,stars,mistakes: heap,crashes,completed\r\n3,heap-place,Live One,5,0,0,0,no\r\n',
    );
  });
});

describe('errors', () => {
  test('unknown API routes get a JSON 404', async () => {
    const { url } = await start({ store: await openStore() });
    for (const path of ['/api', '/api/nothing', '/api/levels/heap-place', '/api/rooms/QWERTY']) {
      const response = await fetch(`${url}${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(await response.json()).toEqual({ error: 'not-found' });
    }
    const post = await fetch(`${url}/api/levels`, { method: 'POST' });
    expect(post.status).toBe(404);
  });

  test('a failure inside a route is logged and answered without a stack trace', async () => {
    const logged: object[] = [];
    const { url } = await start({
      store: await openStore(),
      getRoomResults: async () => {
        throw new Error('secret internals at /srv/arena/rooms.ts:42');
      },
      log: { error: (details) => logged.push(details) },
    });
    const response = await fetch(`${url}/api/rooms/QWERTY/results.csv?token=t`);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: 'internal' });
    expect(text).not.toMatch(/secret|\.ts|at /);
    expect(logged).toHaveLength(1);
  });

  test('a malformed URL is a 400 with no stack trace', async () => {
    const { url } = await start({ store: await openStore() });
    const response = await fetch(`${url}/api/levels/%E0%A4%A/histogram`);
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).not.toMatch(/URIError|node_modules|at /);
  });
});
