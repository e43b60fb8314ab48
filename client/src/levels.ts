/** The level pack in the lesson's order, as the browser sees it, and rush levels by seed. */

import { LEVELS } from '../../levels';
import { generateRushLevel } from '../../shared/level/rush';
import type { Level } from '../../shared/level/schema';
import type { LevelRef } from '../../shared/protocol';

let sorted: Level[] | null = null;

export function allLevels(): Level[] {
  sorted ??= [...(Object.values(LEVELS) as Level[])].sort((a, b) => a.order - b.order);
  return sorted;
}

export function levelById(id: string): Level | undefined {
  return allLevels().find((l) => l.id === id);
}

/** The level a round or a replay refers to; throws for an id this client does not know. */
export function levelFromRef(ref: LevelRef): Level {
  if (ref.kind === 'rush') return generateRushLevel(ref.rushSeed);
  const level = levelById(ref.levelId);
  if (!level) throw new Error(`Unknown level "${ref.levelId}": reload the page to get the latest levels.`);
  return level;
}
