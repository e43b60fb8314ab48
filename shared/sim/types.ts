/**
 * The simulator's data. Everything here is plain JSON: a state can be sent over a
 * socket, stored in Redis, hashed and restored without losing anything.
 */
import type { Concept, Level } from '../level/schema';

export type ObjectKind =
  | 'int'
  | 'float'
  | 'str'
  | 'bytes'
  | 'list'
  | 'tuple'
  | 'dict'
  | 'set'
  | 'none'
  | 'bool';

/** One Python object. Shelf objects (small ints, None, bools, interned strings) exist before the program runs and are never placed or freed. */
export interface SimObject {
  id: string;
  kind: ObjectKind;
  /** What the player sees, e.g. "[1, 2, 3]" or "'hello'". */
  label: string;
  /** `sys.getsizeof` in CPython 3.11 on 64-bit Linux. */
  size: number;
  /** Outgoing references to other objects, in slot order (a list's items, a dict's keys and values). */
  refs: string[];
  /** Byte offset from the start of the heap once placed, null while waiting to be placed; always null on the shelf. */
  address: number | null;
  shelf: boolean;
}

export interface Frame {
  fn: string;
  /** Local name -> object id. In `<module>` these are the globals. */
  locals: Record<string, string>;
  size: number;
  /** The source line to come back to when this frame's callee returns. */
  returnLine: number;
}

/** What the program is waiting for the player to do. */
export type Request =
  | { kind: 'push'; fn: string; line: number; since: number; overflow: boolean }
  | { kind: 'pop'; fn: string; line: number; since: number }
  | {
      kind: 'place';
      objectIds: string[];
      line: number;
      since: number;
      /** True when some object cannot fit anywhere and no garbage is left to free: the answer is MemoryError. */
      outOfMemory: boolean;
      /** Top-level objects of a `new`: the name each is bound to once placed (null: a hidden temporary). */
      bind: Record<string, string | null>;
      /** Set when a container outgrew its cells and must move: how it was before, to restore on MemoryError. */
      resize: {
        objectId: string;
        address: number;
        size: number;
        refs: string[];
        /**
         * The move is all this request asks for (no new object came with it). Such a request
         * exists only because of where the container was put, so servicing it earns nothing
         * (it still stalls when left waiting): misplacing a list must never pay.
         */
        alone: boolean;
      } | null;
    }
  | { kind: 'answer'; question: string; options: string[]; line: number; since: number };

export type CrashKind = 'stack-overflow' | 'dangling-pointer' | 'memory-error' | 'recursion-error';

export type Status = 'running' | 'complete' | 'crashed' | 'timeout';

/** A position in the (nested) program: one cursor per open `repeat`/`try` body. */
export interface Cursor {
  /** Path of op indexes from the top of the program down to the list this cursor walks. */
  path: number[];
  /** Which branch of a `try` this list is: the body or the handler. */
  branch: 'body' | 'handler' | 'root';
  index: number;
  /** For a repeat body: the iteration being run. */
  iteration: number;
  /** Stack depth when a `try` body was entered, to unwind back to. */
  depth: number;
}

export interface Tally {
  serviced: number;
  speedPoints: number;
  mistakes: Partial<Record<Concept, number>>;
  rejections: number;
  stallTicks: number;
  leakByteTicks: number;
}

export interface GameState {
  /** The level being played (shared, never changed). */
  level: Level;
  seed: number;
  /** Seeded PRNG state (the only source of randomness). */
  rng: number;
  tick: number;
  status: Status;
  crash: { kind: CrashKind; message: string } | null;
  stack: Frame[];
  /** Every live object by id, heap and shelf alike. Freed objects are removed. */
  objects: Record<string, SimObject>;
  program: { cursors: Cursor[]; done: boolean; nextOpAt: number; line: number };
  request: Request | null;
  /** Set when an exception was raised and is unwinding towards a `try`. */
  raising: 'RecursionError' | 'MemoryError' | null;
  tally: Tally;
  /** Counter for object ids made at run time (e.g. inside repeats). */
  nextObjectNumber: number;
  /** Level object id -> the id of its latest incarnation, when a repeat made it again (`{ref}` resolves through this). */
  aliases: Record<string, string>;
  /** Objects held by the interpreter but bound to no name (the result of a `new` without `bind`), released when the next op completes. */
  temps: string[];
  completedAt: number | null;
}

export type ErrorName = 'RecursionError' | 'MemoryError';

export type Action =
  | { type: 'push'; fn: string }
  | { type: 'pop' }
  | { type: 'place'; objectId: string; address: number }
  | { type: 'free'; objectIds: string[] }
  | { type: 'raise'; error: ErrorName }
  | { type: 'answer'; option: number };

/** An action stamped with the tick at which it was applied: a recorded run is a list of these. */
export interface TimedAction {
  tick: number;
  action: Action;
}

export type SimEvent =
  | { type: 'line'; line: number }
  /** A new request: raised exactly once per request (count these to count requests). */
  | { type: 'request'; request: Request }
  /**
   * The pending request changed without a new one being raised: a place request's
   * `outOfMemory` flag flipped because the heap changed (garbage freed, an object placed).
   */
  | { type: 'request-changed'; request: Request }
  | { type: 'frame-pushed'; fn: string; depth: number }
  | { type: 'frame-popped'; fn: string; depth: number }
  | { type: 'object-created'; objectId: string }
  | { type: 'object-placed'; objectId: string; address: number }
  | { type: 'objects-freed'; objectIds: string[]; bytes: number }
  | { type: 'bound'; name: string; objectId: string; depth: number }
  | { type: 'unbound'; name: string; depth: number }
  | { type: 'reference-set'; from: string; to: string }
  | { type: 'reference-dropped'; from: string; to: string }
  | { type: 'garbage'; objectIds: string[]; cycle: boolean }
  | { type: 'serviced'; request: Request['kind']; points: number; waited: number }
  | { type: 'answered'; correct: boolean; explain: string }
  | { type: 'mistake'; concept: Concept; message: string }
  | { type: 'stall'; waited: number }
  | { type: 'raised'; error: ErrorName; unwound: number }
  | { type: 'say'; text: string }
  /**
   * The level's program did something Python would not let it do: a name that names nothing
   * (read as None), a reference to an object that is gone, storing into or removing from
   * something that is not a container (or an item that is not there), `del` of an unbound
   * name. The run goes on (the simulator's reading is given in `message`); the level should
   * be fixed. `at` is where in the level file, e.g. `program[3].target`.
   */
  | { type: 'level-warning'; line: number; at: string; message: string }
  | { type: 'crash'; kind: CrashKind; message: string }
  | { type: 'complete'; tick: number }
  | { type: 'timeout'; tick: number };

export type ApplyResult =
  | { ok: true; state: GameState; events: SimEvent[] }
  | { ok: false; reason: string; state: GameState; events: SimEvent[] };

export interface StepResult {
  state: GameState;
  events: SimEvent[];
}

export interface ScoreBreakdown {
  serviced: number;
  speed: number;
  mistakes: number;
  mistakesByConcept: Partial<Record<Concept, number>>;
  rejections: number;
  stalls: number;
  leak: number;
  completion: number;
  total: number;
  stars: 0 | 1 | 2 | 3;
}
