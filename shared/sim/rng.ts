/**
 * A small seeded PRNG (mulberry32). Its whole state is one unsigned 32-bit integer, so it
 * lives inside the game state (or inside a player) and survives JSON, hashing and replay.
 */

/** Turns any seed (including negative or fractional numbers) into a PRNG state. */
export function seedRng(seed: number): number {
  let h = 0x9e3779b9 ^ (Math.trunc(seed) | 0);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The next number in [0, 1) and the PRNG state that follows it. */
export function nextRandom(rng: number): { value: number; rng: number } {
  const next = (rng + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return { value: ((t ^ (t >>> 14)) >>> 0) / 4294967296, rng: next };
}

/** A mutable generator over the same sequence, for players that keep their own randomness. */
export function createRandom(seed: number): { next(): number; int(n: number): number } {
  let rng = seedRng(seed);
  return {
    next() {
      const r = nextRandom(rng);
      rng = r.rng;
      return r.value;
    },
    int(n: number) {
      return Math.floor(this.next() * n);
    },
  };
}
