/**
 * The level file format. Every level in `levels/` and every generated rush level is
 * checked against this schema before the simulator sees it; the TypeScript types are
 * derived from the schema so the two can never drift apart.
 */
import { z } from 'zod';

/** The concepts of the lesson. Mistakes are tagged with one so a teacher sees what a class struggles with. */
export const CONCEPTS = [
  'memory-units',
  'call-stack',
  'locals',
  'heap',
  'getsizeof',
  'fragmentation',
  'recursion',
  'references',
  'identity',
  'refcount',
  'cycles',
  'best-practice',
  'common-mistakes',
] as const;
export const Concept = z.enum(CONCEPTS);
export type Concept = z.infer<typeof Concept>;

const Name = z
  .string()
  .regex(/^[A-Za-z_<>][A-Za-z0-9_<>.[\]()' -]*$/, 'must look like a Python name')
  .max(40);
const ObjectId = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'object ids are letters, digits and _')
  .max(40);
const Line = z.number().int().min(1).max(400);

/**
 * A value as Python would build it. The simulator derives the object's kind, its label
 * and its `sys.getsizeof` size from this, so a level never states a size by hand.
 *   { "int": 5 }            small ints (-5..256) live on the shelf, others on the heap
 *   { "int": "123456789012345678901234567890" }  big ints as decimal strings
 *   { "float": 3.5 }   { "str": "hello" }   { "bytes": 1000 }  (length)
 *   { "list": [...] }  { "tuple": [...] }   { "dict": [[key, value], ...] }  { "set": [...] }
 *   { "none": true }   { "bool": true }
 *   { "ref": "objectId" }   a reference to an object the program already made
 *   { "name": "x" }         whatever the name x in the current frame refers to
 *   { "repeat": value, "times": n }  inside a list: n slots all holding the same value ([0] * 20)
 */
export type ValueSpec =
  | { int: number | string }
  | { float: number }
  | { str: string; interned?: boolean }
  | { bytes: number }
  | { list: ValueSpec[]; capacity?: number }
  | { tuple: ValueSpec[] }
  | { dict: [ValueSpec, ValueSpec][] }
  | { set: ValueSpec[] }
  | { none: true }
  | { bool: boolean }
  | { ref: string }
  | { name: string }
  | { repeat: ValueSpec; times: number };

export const ValueSpec: z.ZodType<ValueSpec> = z.lazy(() =>
  z.union([
    z.strictObject({ int: z.union([z.number().int().safe(), z.string().regex(/^-?\d{1,400}$/)]) }),
    z.strictObject({ float: z.number() }),
    z.strictObject({ str: z.string().max(2000), interned: z.boolean().optional() }),
    z.strictObject({
      bytes: z
        .number()
        .int()
        .min(0)
        .max(1 << 24),
    }),
    z.strictObject({ list: z.array(ValueSpec).max(2000), capacity: z.number().int().min(0).optional() }),
    z.strictObject({ tuple: z.array(ValueSpec).max(2000) }),
    z.strictObject({ dict: z.array(z.tuple([ValueSpec, ValueSpec])).max(2000) }),
    z.strictObject({ set: z.array(ValueSpec).max(2000) }),
    z.strictObject({ none: z.literal(true) }),
    z.strictObject({ bool: z.boolean() }),
    z.strictObject({ ref: ObjectId }),
    z.strictObject({ name: Name }),
    z.strictObject({ repeat: ValueSpec, times: z.number().int().min(0).max(100_000) }),
  ]),
);

/** A new object made by a `new` operation, bound to `bind` in the current frame (or a hidden temporary when absent). */
export const NewObject = z.strictObject({
  id: ObjectId,
  value: ValueSpec,
  bind: Name.optional(),
  /** Display label override, e.g. "[x**2 for x in range(1000)]" for a list too long to show. */
  label: z.string().max(60).optional(),
  /**
   * For the Python fidelity check only: an expression that, evaluated in the frame right after
   * the line runs, gives this object (or, for a temporary the line does not keep, an equal object
   * built the same way). Defaults to `bind`. The simulator ignores it.
   */
  python: z.string().min(1).max(200).optional(),
});
export type NewObject = z.infer<typeof NewObject>;

export type Op =
  /** Call a function: a blocking request to push its frame (or to raise RecursionError at the limit). Arguments are bound to parameters in the new frame. */
  | { op: 'call'; line: number; fn: string; args?: Record<string, ValueSpec> }
  /** Return from the current function: a blocking request to pop its frame. `value` is bound to `bind` in the caller. */
  | { op: 'return'; line: number; value?: ValueSpec; bind?: string }
  /** Allocate objects: a blocking request to place each on the heap (or to raise MemoryError when nothing fits and nothing can be freed). */
  | { op: 'new'; line: number; objects: NewObject[] }
  /** Bind a name in the current frame to a value (alias, shelf object, or existing object): runs by itself. */
  | { op: 'bind'; line: number; name: string; value: ValueSpec }
  /** Store a reference inside an object: `target[index] = value` (lists, dicts) or append when index is absent. Runs by itself. */
  | { op: 'set'; line: number; target: ValueSpec; value: ValueSpec; index?: number | string }
  /** Remove a reference stored inside an object (`lst.remove(x)`, `lst.pop()`, `d.clear()`): runs by itself. */
  | { op: 'drop'; line: number; target: ValueSpec; index?: number | string; all?: boolean }
  /** Delete or rebind a name (`del x`, `x = None`): runs by itself; what it referenced may become garbage. */
  | { op: 'unbind'; line: number; name: string }
  /** A question whose answer the program then acts out. Blocking: the player answers. */
  | {
      op: 'ask';
      line: number;
      question: string;
      options: string[];
      correct: number;
      concept: Concept;
      explain: string;
      /** For the Python fidelity check only: an expression evaluated right after the line runs; the right option is the one whose text starts with its `str()`. */
      check?: string;
    }
  /** Say something in the narration without changing memory (a print, a comment). Runs by itself. */
  | { op: 'say'; line: number; text: string }
  /** Run the body `times` times. */
  | { op: 'repeat'; line: number; times: number; body: Op[] }
  /** Run the body; if it raises `error`, unwind the stack back to this frame and run the handler. */
  | { op: 'try'; line: number; body: Op[]; error: 'RecursionError' | 'MemoryError'; handler: Op[] };

export const Op: z.ZodType<Op> = z.lazy(() =>
  z.discriminatedUnion('op', [
    z.strictObject({
      op: z.literal('call'),
      line: Line,
      fn: Name,
      args: z.record(Name, ValueSpec).optional(),
    }),
    z.strictObject({
      op: z.literal('return'),
      line: Line,
      value: ValueSpec.optional(),
      bind: Name.optional(),
    }),
    z.strictObject({ op: z.literal('new'), line: Line, objects: z.array(NewObject).min(1).max(64) }),
    z.strictObject({ op: z.literal('bind'), line: Line, name: Name, value: ValueSpec }),
    z.strictObject({
      op: z.literal('set'),
      line: Line,
      target: ValueSpec,
      value: ValueSpec,
      index: z.union([z.number().int(), z.string()]).optional(),
    }),
    z.strictObject({
      op: z.literal('drop'),
      line: Line,
      target: ValueSpec,
      index: z.union([z.number().int(), z.string()]).optional(),
      all: z.boolean().optional(),
    }),
    z.strictObject({ op: z.literal('unbind'), line: Line, name: Name }),
    z.strictObject({
      op: z.literal('ask'),
      line: Line,
      question: z.string().min(1).max(200),
      options: z.array(z.string().min(1).max(80)).min(2).max(4),
      correct: z.number().int().min(0).max(3),
      concept: Concept,
      explain: z.string().min(1).max(300),
      check: z.string().min(1).max(200).optional(),
    }),
    z.strictObject({ op: z.literal('say'), line: Line, text: z.string().max(200) }),
    z.strictObject({
      op: z.literal('repeat'),
      line: Line,
      times: z.number().int().min(0).max(10_000),
      body: z.array(Op).min(1),
    }),
    z.strictObject({
      op: z.literal('try'),
      line: Line,
      body: z.array(Op).min(1),
      error: z.enum(['RecursionError', 'MemoryError']),
      handler: z.array(Op),
    }),
  ]),
);

export const FunctionDef = z.strictObject({
  /** Parameter names in order; the `call` op's args bind them. */
  params: z.array(Name).max(8).default([]),
  /** Frame size in bytes on the simulated stack. */
  frameBytes: z.number().int().min(8).max(4096),
});
export type FunctionDef = z.infer<typeof FunctionDef>;

export const Level = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,60}$/, 'ids are lower-case words joined by -'),
    /** Position in the lesson; levels are played in this order. */
    order: z.number().int().min(0),
    title: z.string().min(1).max(60),
    concept: Concept,
    /** Teaching text shown before the level, one paragraph per entry, for a 14-year-old. */
    intro: z.array(z.string().min(1).max(400)).min(1).max(6),
    /** Teaching text shown after the level. */
    outro: z.array(z.string().min(1).max(400)).min(1).max(6),
    /** The Python source shown to the player. Real, runnable Python 3 that does what `program` says. */
    source: z.array(z.string().max(100)).min(1).max(120),
    machine: z.strictObject({
      stackBytes: z
        .number()
        .int()
        .min(64)
        .max(1 << 20),
      recursionLimit: z.number().int().min(2).max(100_000),
      heapBytes: z
        .number()
        .int()
        .min(64)
        .max(1 << 20)
        .refine((n) => n % 8 === 0, 'heapBytes must be a multiple of 8'),
      /** Size of the `<module>` frame at the bottom of the stack. */
      moduleFrameBytes: z.number().int().min(8).max(4096).default(64),
    }),
    functions: z.record(Name, FunctionDef).default({}),
    /** Objects already on the heap when the level starts (fragmentation levels), bound in `<module>` unless `bind` is absent. */
    preplaced: z
      .array(z.strictObject({ object: NewObject, address: z.number().int().min(0) }))
      .max(200)
      .default([]),
    program: z.array(Op).min(1).max(2000),
    /** Ticks between operations that run by themselves. */
    pace: z.number().int().min(1).max(100),
    /** Ticks a blocking request may wait before it stalls and drains score. */
    grace: z.number().int().min(1).max(1000),
    /** Ticks allowed for the whole level (10 ticks = 1 second at the default rate). */
    timeLimit: z.number().int().min(10).max(36_000),
    /** Score needed for one, two and three stars. */
    stars: z.tuple([z.number().int(), z.number().int(), z.number().int()]),
    /** What the board shows: reference-count badges, garbage highlighting, unreachable cycles. */
    show: z
      .strictObject({
        refcounts: z.boolean().default(false),
        garbage: z.boolean().default(false),
        cycles: z.boolean().default(false),
      })
      .default({ refcounts: false, garbage: false, cycles: false }),
    /** Set for levels made by the rush generator. */
    rush: z.strictObject({ seed: z.number().int() }).optional(),
  })
  .superRefine((level, ctx) => {
    const [one, two, three] = level.stars;
    if (!(one < two && two < three)) {
      ctx.addIssue({
        code: 'custom',
        path: ['stars'],
        message: 'star thresholds must rise: one < two < three',
      });
    }
  });
export type Level = z.infer<typeof Level>;
export type LevelInput = z.input<typeof Level>;
