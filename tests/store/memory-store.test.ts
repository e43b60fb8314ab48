import { describe, expect, test } from 'vitest';
import { createStore } from '../../server/store/create-store';
import { MemoryRoomStore } from '../../server/store/memory-store';
import { action, player, room } from './fixtures';
import { registerStoreContractTests } from './store-contract';

registerStoreContractTests(
  'memory',
  async ({ ttlSeconds }) => {
    let now = 1_700_000_000_000;
    const store = new MemoryRoomStore({ ttlSeconds, now: () => now });
    return {
      store,
      keyTtls: async () => store.inspectKeys().map(({ key, ttlMs }) => ({ key, ttlSeconds: ttlMs / 1000 })),
      advanceClock: (ms) => {
        now += ms;
      },
      close: () => store.close(),
    };
  },
  { controllableClock: true },
);

describe('memory store', () => {
  test('createStore without a Redis URL gives the memory store', async () => {
    const store = await createStore({ ttlSeconds: 60 });
    expect(store.kind).toBe('memory');
    expect(await store.ping()).toBe(true);
    await store.close();
  });

  test('expired keys are swept even if nobody reads them again', async () => {
    let now = 0;
    const store = new MemoryRoomStore({ ttlSeconds: 60, now: () => now });
    for (let i = 0; i < 50; i++) {
      await store.createRoom(room(`ROOM${i}`));
      await store.savePlayer(`ROOM${i}`, player('p1'));
      await store.appendActions(`ROOM${i}`, 0, 'p1', [action(1)]);
    }
    expect(store.heldKeyCount()).toBe(200);
    now += 61_000;
    await store.createRoom(room('FRESH1'));
    expect(store.heldKeyCount()).toBe(1);
    expect(store.inspectKeys().map((k) => k.key)).toEqual(['arena:room:FRESH1']);
    expect(await store.listRoomCodes()).toEqual(['FRESH1']);
  });

  test('a non-positive expiry is refused', () => {
    expect(() => new MemoryRoomStore({ ttlSeconds: 0 })).toThrow(/ttlSeconds/);
  });
});
