/** A fresh game: the shelf, the `<module>` frame, objects already on the heap, the program at its start. */
import type { Level, ValueSpec } from '../level/schema';
import { Draft } from './draft';
import { firstFit, heapLayout, overlapping, spanOf } from './heap';
import { bindName } from './program';
import { seedRng } from './rng';
import type { GameState, SimObject } from './types';
import { collectShelf, type MakeContext, makeValue } from './values';

function collectFromOps(ops: Level['program'], into: Map<string, SimObject>): void {
  const visit = (spec: ValueSpec | undefined) => spec && collectShelf(spec, into);
  for (const op of ops) {
    switch (op.op) {
      case 'call':
        for (const spec of Object.values(op.args ?? {})) visit(spec);
        break;
      case 'return':
        visit(op.value);
        break;
      case 'new':
        for (const obj of op.objects) visit(obj.value);
        break;
      case 'bind':
        visit(op.value);
        break;
      case 'set':
        visit(op.value);
        break;
      case 'repeat':
        collectFromOps(op.body, into);
        break;
      case 'try':
        collectFromOps(op.body, into);
        collectFromOps(op.handler, into);
        break;
      default:
        break;
    }
  }
}

/** Every shelf object the level can touch, plus None, True and False. */
function shelfFor(level: Level): Record<string, SimObject> {
  const shelf = new Map<string, SimObject>();
  collectShelf({ none: true }, shelf);
  collectShelf({ bool: true }, shelf);
  collectShelf({ bool: false }, shelf);
  for (const pre of level.preplaced ?? []) collectShelf(pre.object.value, shelf);
  collectFromOps(level.program, shelf);
  return Object.fromEntries(shelf);
}

export function createGame(level: Level, seed: number): GameState {
  const base: GameState = {
    level,
    seed,
    rng: seedRng(seed),
    tick: 0,
    status: 'running',
    crash: null,
    stack: [{ fn: '<module>', locals: {}, size: level.machine.moduleFrameBytes ?? 64, returnLine: 0 }],
    objects: shelfFor(level),
    program: {
      cursors: [{ path: [], branch: 'root', index: 0, iteration: 0, depth: 1 }],
      done: false,
      nextOpAt: 0,
      line: 0,
    },
    request: null,
    raising: null,
    tally: { serviced: 0, speedPoints: 0, mistakes: {}, rejections: 0, stallTicks: 0, leakByteTicks: 0 },
    nextObjectNumber: 1,
    aliases: {},
    temps: [],
    completedAt: null,
  };
  const preplaced = level.preplaced ?? [];
  if (preplaced.length === 0) return base;
  // Objects already on the heap: each at its address, anything made inside them first-fit after.
  const d = new Draft(base);
  const ctx: MakeContext = { frameIndex: 0, pending: [] };
  const heapBytes = level.machine.heapBytes;
  for (const { object, address } of preplaced) {
    const before = ctx.pending.length;
    const id = makeValue(d, object.value, object.id, ctx);
    if (ctx.pending.length === before) continue;
    d.setAlias(object.id, id);
    const obj = d.object(id)!;
    const fits =
      address % 8 === 0 &&
      address + spanOf(obj.size) <= heapBytes &&
      !overlapping(heapLayout(d.state.objects), address, spanOf(obj.size));
    const at = fits ? address : firstFit(heapLayout(d.state.objects), obj.size, heapBytes);
    d.putObject({ ...obj, label: object.label ?? obj.label, address: at });
    if (object.bind) bindName(d, 0, object.bind, id);
  }
  for (const id of ctx.pending) {
    const obj = d.object(id)!;
    if (obj.address === null)
      d.putObject({ ...obj, address: firstFit(heapLayout(d.state.objects), obj.size, heapBytes) });
  }
  // A fresh game has no events: the preplaced heap is simply the starting picture.
  return d.finish();
}
