/**
 * The rush generator's own pseudo-random numbers. A rush level must be the same for every
 * player in a round, on the server and in every browser, so nothing here may depend on
 * `Math.random` or on the platform: sfc32 seeded from the level seed, 32-bit integer math only.
 */

export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [lo, hi], both ends included. */
  int(lo: number, hi: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** A shuffled copy. */
  shuffle<T>(items: readonly T[]): T[];
}

/** Mixes one 32-bit word (murmur3's finaliser) so nearby seeds start far apart. */
function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** sfc32 over a seed that may be any safe integer (both 32-bit halves count). */
export function createRng(seed: number): Rng {
  const low = seed >>> 0;
  const high = Math.floor(seed / 0x1_0000_0000) >>> 0;
  let a = mix32(low ^ 0x9e3779b9);
  let b = mix32(high ^ 0x243f6a88);
  let c = mix32(low + 0x85a308d3);
  let d = 1;
  const next32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next32();

  const rng: Rng = {
    next: () => next32() / 0x1_0000_0000,
    int: (lo, hi) => lo + Math.floor(rng.next() * (hi - lo + 1)),
    chance: (p) => rng.next() < p,
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[rng.int(0, items.length - 1)] as (typeof items)[number];
    },
    shuffle: (items) => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = rng.int(0, i);
        [out[i], out[j]] = [out[j] as (typeof out)[number], out[i] as (typeof out)[number]];
      }
      return out;
    },
  };
  return rng;
}
