import { describe, expect, test } from 'vitest';
import {
  checkFreeTextNickname,
  generateNickname,
  isBlocked,
  isGeneratedNickname,
  nicknameKey,
} from '../../server/rooms/nicknames';
import { KeyedRateLimiter, TokenBucket } from '../../server/rooms/rate-limit';
import { SerialQueue } from '../../server/rooms/serial-queue';
import { hashToken, newJoinCode, newToken, tokenMatchesHash } from '../../server/rooms/tokens';
import { JOIN_CODE_ALPHABET, JoinCode, Token } from '../../shared/protocol';

describe('nicknames', () => {
  test('generated names are two known words and avoid names already taken', () => {
    const taken = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const name = generateNickname(taken);
      expect(isGeneratedNickname(name), name).toBe(true);
      expect(taken.has(nicknameKey(name))).toBe(false);
      taken.add(nicknameKey(name));
    }
  });

  test('free text is tidied and checked', () => {
    expect(checkFreeTextNickname('  Ada   Lovelace ')).toEqual({ ok: true, nickname: 'Ada Lovelace' });
    expect(checkFreeTextNickname('   ').ok).toBe(false);
    expect(checkFreeTextNickname('x'.repeat(21)).ok).toBe(false);
    expect(checkFreeTextNickname('é'.repeat(20)).ok).toBe(true);
    expect(checkFreeTextNickname('zero\u200bwidth').ok).toBe(false);
    expect(checkFreeTextNickname('bidi\u202etrick').ok).toBe(false);
    expect(checkFreeTextNickname('tab\u0007bell').ok).toBe(false);
  });

  test('markup is kept as plain text, never stripped or interpreted', () => {
    expect(checkFreeTextNickname('<b>bold</b>')).toEqual({ ok: true, nickname: '<b>bold</b>' });
  });

  test('the blocklist sees through case, accents and look-alike digits, but not innocent words', () => {
    for (const bad of ['FUCK', 'f.u.c.k', 'sh1t', 'Bítch', 'big ass', 'Nazi'])
      expect(isBlocked(bad), bad).toBe(true);
    for (const fine of ['Essex', 'Peacock', 'Dickens', 'Grace Hopper', 'Cassandra', 'Scrappy']) {
      expect(isBlocked(fine), fine).toBe(false);
    }
  });

  test('uniqueness ignores case and width', () => {
    expect(nicknameKey('Ada')).toBe(nicknameKey('ADA'));
    expect(nicknameKey('Ａｄａ')).toBe(nicknameKey('ada'));
  });
});

describe('codes and tokens', () => {
  test('join codes use the unambiguous alphabet and parse as join codes', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const code = newJoinCode();
      expect([...code].every((c) => JOIN_CODE_ALPHABET.includes(c))).toBe(true);
      expect(JoinCode.parse(code)).toBe(code);
      seen.add(code);
    }
    expect(seen.size).toBeGreaterThan(495);
  });

  test('tokens are 128-bit, base64url, and checked against their hash only', () => {
    const token = newToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(16);
    expect(Token.parse(token)).toBe(token);
    const stored = hashToken(token);
    expect(stored).not.toContain(token);
    expect(tokenMatchesHash(token, stored)).toBe(true);
    expect(tokenMatchesHash(newToken(), stored)).toBe(false);
  });
});

describe('rate limits and queues', () => {
  test('a token bucket allows its burst, then refills at its rate', () => {
    const bucket = new TokenBucket(20, 20, 0);
    let allowed = 0;
    for (let i = 0; i < 30; i++) if (bucket.take(0)) allowed++;
    expect(allowed).toBe(20);
    expect(bucket.take(10)).toBe(false); // 10 ms refills 0.2
    expect(bucket.take(50)).toBe(true); // 50 ms refills 1
  });

  test('keyed limits are per key and forget idle keys', () => {
    const limiter = new KeyedRateLimiter(2, 1);
    expect(limiter.take('a', 0)).toBe(true);
    expect(limiter.take('a', 0)).toBe(true);
    expect(limiter.take('a', 0)).toBe(false);
    expect(limiter.take('b', 0)).toBe(true);
    limiter.take('c', 10_000);
    expect(limiter.size).toBe(1);
  });

  test('the serial queue runs tasks one at a time, in order, past failures', async () => {
    const queue = new SerialQueue();
    const order: string[] = [];
    let running = 0;
    const task =
      (name: string, fail = false) =>
      async () => {
        running++;
        expect(running).toBe(1);
        await new Promise((r) => setTimeout(r, 2));
        order.push(name);
        running--;
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([
      queue.run(task('a')),
      queue.run(task('b', true)),
      queue.run(task('c')),
    ]);
    expect(order).toEqual(['a', 'b', 'c']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
