/**
 * The level pack, in the lesson's order. Each JSON file is imported statically (Vite and
 * Node both read JSON imports with the `type: 'json'` attribute) and checked by `parseLevel`
 * when this module loads, so a bad level fails loudly at start-up, naming its file.
 * Adding a level: put its file in `FILES` at its place in the lesson.
 */
import { parseLevel } from '../shared/level/load';
import type { Level } from '../shared/level/schema';
import level01 from './01-call-stack.json' with { type: 'json' };
import level02 from './02-locals-and-parameters.json' with { type: 'json' };
import level03 from './03-list-on-the-heap.json' with { type: 'json' };
import level04 from './04-getsizeof.json' with { type: 'json' };
import level05 from './05-memory-units.json' with { type: 'json' };
import level06 from './06-fragmentation.json' with { type: 'json' };
import level07 from './07-infinite-recursion.json' with { type: 'json' };
import level08 from './08-deep-recursion.json' with { type: 'json' };
import level09 from './09-modify-list.json' with { type: 'json' };
import level10 from './10-try-to-change.json' with { type: 'json' };
import level11 from './11-identity.json' with { type: 'json' };
import level12 from './12-reference-counting.json' with { type: 'json' };
import level13 from './13-reference-cycle.json' with { type: 'json' };
import level14 from './14-string-building.json' with { type: 'json' };
import level15 from './15-generators.json' with { type: 'json' };
import level16 from './16-del-huge-object.json' with { type: 'json' };
import level17 from './17-mutable-default.json' with { type: 'json' };
import level18 from './18-modify-while-iterating.json' with { type: 'json' };
import level19 from './19-alias-or-copy.json' with { type: 'json' };
import level20 from './20-circular-dicts.json' with { type: 'json' };

/** File name and parsed JSON of every level, in the order they are played. */
const FILES: readonly [string, unknown][] = [
  ['01-call-stack.json', level01],
  ['02-locals-and-parameters.json', level02],
  ['03-list-on-the-heap.json', level03],
  ['04-getsizeof.json', level04],
  ['05-memory-units.json', level05],
  ['06-fragmentation.json', level06],
  ['07-infinite-recursion.json', level07],
  ['08-deep-recursion.json', level08],
  ['09-modify-list.json', level09],
  ['10-try-to-change.json', level10],
  ['11-identity.json', level11],
  ['12-reference-counting.json', level12],
  ['13-reference-cycle.json', level13],
  ['14-string-building.json', level14],
  ['15-generators.json', level15],
  ['16-del-huge-object.json', level16],
  ['17-mutable-default.json', level17],
  ['18-modify-while-iterating.json', level18],
  ['19-alias-or-copy.json', level19],
  ['20-circular-dicts.json', level20],
];

export const LEVELS: Level[] = FILES.map(([file, json]) => parseLevel(json, `levels/${file}`));

const BY_ID = new Map(LEVELS.map((level) => [level.id, level]));

export function levelById(id: string): Level | undefined {
  return BY_ID.get(id);
}

/** The file each level came from, e.g. `levels/01-call-stack.json`. */
export const LEVEL_FILES: readonly string[] = FILES.map(([file]) => `levels/${file}`);
