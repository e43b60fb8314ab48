/**
 * The functions a rush program defines and the ops one call to each of them runs.
 *
 * A function is written into the source the first time the module code calls it; every
 * call then replays its body's ops (with fresh object ids) at the body's lines, so the
 * program is the trace CPython would follow.
 */
import type { Draft } from './rush-draft';
import type { Rng } from './rush-random';
import type { FunctionDef, NewObject, ValueSpec } from './schema';

/** How `wrap` builds what it returns: each shape is a different mix of heap objects. */
type WrapShape = 'list-and-tuple' | 'tuple-of-lists' | 'dict-of-list';

/** What each frame of the runaway recursion allocates before it recurses. */
export type DiveTrail = 'list' | 'list-and-tuple';

export interface FunctionNames {
  pack: string;
  wrap: string;
  tangle: string;
  dive: string;
}

const PACK_NAMES = ['pack', 'build', 'bundle', 'prepare'] as const;
const WRAP_NAMES = ['wrap', 'enclose', 'parcel', 'box_up'] as const;
const TANGLE_NAMES = ['tangle', 'knot', 'entwine', 'braid'] as const;
const DIVE_NAMES = ['dive', 'descend', 'spiral', 'burrow', 'echo'] as const;
const FRAME_SIZES = [48, 64, 80, 96, 112] as const;

export class RushFunctions {
  readonly names: FunctionNames;
  readonly defs: Record<string, FunctionDef> = {};
  private readonly wrapShape: WrapShape;
  private readonly locals: { extra: string; box: string; left: string; key: string };
  private readonly diveTrail: DiveTrail;
  private readonly lines = new Map<string, number[]>();

  constructor(
    private readonly draft: Draft,
    private readonly rng: Rng,
    options: { diveTrail: DiveTrail },
  ) {
    this.names = {
      pack: rng.pick(PACK_NAMES),
      wrap: rng.pick(WRAP_NAMES),
      tangle: rng.pick(TANGLE_NAMES),
      dive: rng.pick(DIVE_NAMES),
    };
    draft.reserve(...Object.values(this.names));
    this.wrapShape = rng.pick<WrapShape>(['list-and-tuple', 'tuple-of-lists', 'dict-of-list']);
    this.locals = {
      extra: rng.pick(['extra', 'more', 'bigger', 'step']),
      box: rng.pick(['box', 'crate', 'packet', 'bag']),
      left: rng.pick(['left', 'ping', 'alpha', 'north']),
      key: rng.pick(['peer', 'link', 'back', 'partner']),
    };
    this.diveTrail = options.diveTrail;
  }

  /** Frame size of one call of `fn` on the simulated stack. */
  frameBytes(fn: string): number {
    return this.defs[fn]?.frameBytes ?? 0;
  }

  /**
   * `bind = pack(arg)`: pack binds a shelf int, calls wrap (a nested frame), and both
   * return the new container. `n` is the int the argument holds.
   */
  callPack(callerLine: number, arg: ValueSpec, n: number, bind: string): void {
    const { pack, wrap } = this.names;
    const { extra, box } = this.locals;
    const wrapLines = this.define(wrap, ['v'], () => [
      `def ${wrap}(v):`,
      `    ${box} = ${this.wrapExpression()}`,
      `    return ${box}`,
    ]);
    const packLines = this.define(pack, ['n'], () => [
      `def ${pack}(n):`,
      `    ${extra} = n + 1`,
      `    ${box} = ${wrap}(${extra})`,
      `    return ${box}`,
    ]);
    const [wrapBuild, wrapReturn] = [wrapLines[1]!, wrapLines[2]!];
    const [packExtra, packCall, packReturn] = [packLines[1]!, packLines[2]!, packLines[3]!];
    const d = this.draft;
    d.emit({ op: 'call', line: callerLine, fn: pack, args: { n: arg } });
    d.emit({ op: 'bind', line: packExtra, name: extra, value: { int: n + 1 } });
    d.emit({ op: 'call', line: packCall, fn: wrap, args: { v: { name: extra } } });
    d.emit({ op: 'new', line: wrapBuild, objects: this.wrapObjects(box) });
    d.emit({ op: 'return', line: wrapReturn, value: { name: box }, bind: box });
    d.emit({ op: 'return', line: packReturn, value: { name: box }, bind });
  }

  /**
   * `bind = tangle(arg)`: a list and a dict that point at each other, left behind as an
   * unreachable cycle when the frame is popped; returns `len(left)`, a shelf int.
   */
  callTangle(callerLine: number, arg: ValueSpec, bind: string): void {
    const { tangle } = this.names;
    const { left, key } = this.locals;
    const lines = this.define(tangle, ['n'], () => [
      `def ${tangle}(n):`,
      `    ${left} = [n, (n, n)]`,
      `    ${left}.append({'${key}': ${left}})`,
      `    return len(${left})`,
    ]);
    const [makeLeft, append, ret] = [lines[1]!, lines[2]!, lines[3]!];
    const d = this.draft;
    const n: ValueSpec = { name: 'n' };
    d.emit({ op: 'call', line: callerLine, fn: tangle, args: { n: arg } });
    d.emit({
      op: 'new',
      line: makeLeft,
      objects: [{ id: d.objectId(left), value: { list: [n, { tuple: [n, n] }] }, bind: left }],
    });
    // The dict is a temporary: once appended, only the list holds it.
    const partner = d.objectId('partner');
    d.emit({
      op: 'new',
      line: append,
      objects: [{ id: partner, value: { dict: [[{ str: key }, { name: left }]] } }],
    });
    d.emit({ op: 'set', line: append, target: { name: left }, value: { ref: partner } });
    d.emit({ op: 'return', line: ret, value: { int: 3 }, bind });
  }

  /**
   * `dive(1)` from a frame at stack depth `depth` with recursion limit `limit`: the
   * recursion pushes frames until the stack holds `limit` frames, and the next call is
   * the overflow (CPython: with `sys.setrecursionlimit(L)` the deepest stack is L frames).
   */
  callDive(callerLine: number, depth: number, limit: number): void {
    const { dive } = this.names;
    const trail = this.diveTrail === 'list' ? '[depth]' : '[depth, (depth, depth)]';
    const lines = this.define(dive, ['depth'], () => [
      `def ${dive}(depth):`,
      `    trail = ${trail}`,
      `    return ${dive}(depth + 1)`,
    ]);
    const [makeTrail, recurse] = [lines[1]!, lines[2]!];
    const d = this.draft;
    const depthName: ValueSpec = { name: 'depth' };
    const trailValue: ValueSpec =
      this.diveTrail === 'list'
        ? { list: [depthName] }
        : { list: [depthName, { tuple: [depthName, depthName] }] };
    d.emit({ op: 'call', line: callerLine, fn: dive, args: { depth: { int: 1 } } });
    for (let k = 1; depth + k <= limit; k++) {
      d.emit({
        op: 'new',
        line: makeTrail,
        objects: [{ id: d.objectId('trail'), value: trailValue, bind: 'trail' }],
      });
      // The call made from the frame at depth + k; the last one overflows.
      d.emit({ op: 'call', line: recurse, fn: dive, args: { depth: { int: k + 1 } } });
    }
  }

  private wrapExpression(): string {
    switch (this.wrapShape) {
      case 'tuple-of-lists':
        return '([v], [v, v])';
      case 'list-and-tuple':
        return '[v, (v, v)]';
      case 'dict-of-list':
        return "{'v': v, 'twice': [v, v]}";
    }
  }

  private wrapObjects(bind: string): NewObject[] {
    const id = this.draft.objectId(bind);
    const v: ValueSpec = { name: 'v' };
    switch (this.wrapShape) {
      case 'tuple-of-lists':
        return [{ id, value: { tuple: [{ list: [v] }, { list: [v, v] }] }, bind }];
      case 'list-and-tuple':
        return [{ id, value: { list: [v, { tuple: [v, v] }] }, bind }];
      case 'dict-of-list':
        return [
          {
            id,
            value: {
              dict: [
                [{ str: 'v' }, v],
                [{ str: 'twice' }, { list: [v, v] }],
              ],
            },
            bind,
          },
        ];
    }
  }

  /** Write the function the first time it is needed; returns its lines' virtual ids. */
  private define(fn: string, params: string[], text: () => string[]): number[] {
    const known = this.lines.get(fn);
    if (known) return known;
    const ids = text().map((line) => this.draft.functionLine(fn, line));
    this.lines.set(fn, ids);
    this.defs[fn] = { params, frameBytes: this.rng.pick(FRAME_SIZES) };
    return ids;
  }
}
