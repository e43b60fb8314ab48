/**
 * Where the server finds levels: the level pack by id, and generated rush levels by seed.
 * Rush levels are cached, since every student of a round plays the same one.
 */
import { generateRushLevel } from '../../shared/level/rush';
import type { Level } from '../../shared/level/schema';
import type { LevelRef } from '../../shared/protocol';

export interface LevelCatalog {
  byId(levelId: string): Level | undefined;
  rush(seed: number): Level;
}

const RUSH_CACHE_SIZE = 64;

/** The pack as an array, or keyed by id as the level index exports it. */
export type LevelPack = readonly Level[] | Readonly<Record<string, Level>>;

export function createLevelCatalog(pack: LevelPack): LevelCatalog {
  const levels: readonly Level[] = Array.isArray(pack) ? pack : Object.values(pack);
  const byId = new Map(levels.map((level) => [level.id, level]));
  const rushCache = new Map<number, Level>();
  return {
    byId: (levelId) => byId.get(levelId),
    rush(seed) {
      let level = rushCache.get(seed);
      if (!level) {
        level = generateRushLevel(seed);
        if (rushCache.size >= RUSH_CACHE_SIZE) {
          const oldest = rushCache.keys().next().value;
          if (oldest !== undefined) rushCache.delete(oldest);
        }
        rushCache.set(seed, level);
      }
      return level;
    },
  };
}

export function resolveLevel(catalog: LevelCatalog, ref: LevelRef): Level | undefined {
  return ref.kind === 'level' ? catalog.byId(ref.levelId) : catalog.rush(ref.rushSeed);
}
