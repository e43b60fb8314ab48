/**
 * Runs the levels' Python sources through `python-fidelity.py` and compares what CPython
 * did with what the simulator does: the calls and returns of the level's functions (with
 * stack depths), RecursionError and MemoryError where and how deep they happen, the
 * `sys.getsizeof` of every object a `new` makes, returned values, and the right option of
 * every ask that has a `check`.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Level, NewObject, Op, ValueSpec } from '../../shared/level/schema';
import { createGame } from '../../shared/sim';
import type { MadeObject, SimTrace } from './sim-trace';

const HARNESS = fileURLToPath(new URL('./python-fidelity.py', import.meta.url));

/** `3.11.7`, or null when there is no python3. */
export function pythonVersion(): string | null {
  const run = spawnSync('python3', ['-c', 'import sys; print(sys.version.split()[0])'], { encoding: 'utf8' });
  return run.status === 0 ? run.stdout.trim() : null;
}

type Probe = { size: number; text: string | null } | { error: string };

export interface PythonResult {
  id: string;
  harnessError?: string;
  traced: {
    events: (string | number | null)[][];
    after: Record<string, Probe[][]>;
    before: Record<string, Probe[][]>;
    calls: Record<string, number>;
    uncaught: string | null;
    stdout: string;
  };
  standalone: {
    calls: Record<string, number>;
    uncaught: { type: string; frames: number } | null;
    stdout: string;
    exitCode: number;
  };
  /** The plain script again under the C profiler, for its call counts. */
  profiled: PythonResult['standalone'];
  isolated: Record<string, number | string>;
}

interface HarnessSpec {
  id: string;
  source: string;
  functions: string[];
  after: Record<number, string[]>;
  before: Record<number, string[]>;
  isolated: string[];
}

// ---------------------------------------------------------------- expressions for objects

/** The slots of a list/tuple spec with `{repeat, times}` expanded. */
function slots(items: ValueSpec[]): ValueSpec[] {
  return items.flatMap((item) =>
    'repeat' in item ? new Array<ValueSpec>(item.times).fill(item.repeat) : [item],
  );
}

/** The Python expression for the object at `path` inside the object `expr` built from `spec`. */
export function pathExpression(spec: ValueSpec, expr: string, path: number[]): string {
  if (path.length === 0) return expr;
  const [i, ...rest] = path as [number, ...number[]];
  if ('list' in spec || 'tuple' in spec) {
    const item = slots('list' in spec ? spec.list : spec.tuple)[i];
    if (!item) throw new Error(`${expr} has no slot ${i}`);
    return pathExpression(item, `${expr}[${i}]`, rest);
  }
  if ('dict' in spec) {
    const pair = spec.dict[Math.floor(i / 2)];
    if (!pair) throw new Error(`${expr} has no entry ${i}`);
    const isKey = i % 2 === 0;
    return pathExpression(
      isKey ? pair[0] : pair[1],
      `list(${expr}${isKey ? '' : '.values()'})[${Math.floor(i / 2)}]`,
      rest,
    );
  }
  throw new Error(`${expr} holds no objects (path ${path.join('.')})`);
}

/** Where to find a level object in Python: its `python` expression or the name it is bound to. */
export function objectExpression(obj: NewObject): string {
  const expr = obj.python ?? obj.bind;
  if (!expr)
    throw new Error(`object "${obj.id}" has no bind and no python expression: the check cannot find it`);
  return expr;
}

function expressionOf(made: MadeObject): string {
  return pathExpression(made.levelObject.value, objectExpression(made.levelObject), made.path);
}

function* allOps(ops: Op[]): Generator<Op> {
  for (const op of ops) {
    yield op;
    if (op.op === 'repeat') yield* allOps(op.body);
    if (op.op === 'try') {
      yield* allOps(op.body);
      yield* allOps(op.handler);
    }
  }
}

function firstPlainOp(ops: Op[]): Op | undefined {
  for (const op of allOps(ops)) if (op.op !== 'repeat' && op.op !== 'try') return op;
  return undefined;
}

/** The name a line's `set`/`drop` ops change, when they all change one named object. */
function storeTarget(level: Level, line: number): string | null {
  const names = new Set<string>();
  for (const op of allOps(level.program)) {
    if ((op.op === 'set' || op.op === 'drop') && op.line === line)
      names.add('name' in op.target ? op.target.name : '');
  }
  const [name] = names;
  return names.size === 1 && name ? name : null;
}

function addProbe(table: Record<number, string[]>, line: number, expr: string): void {
  const list = table[line] ?? [];
  if (!list.includes(expr)) list.push(expr);
  table[line] = list;
}

export function harnessSpec(level: Level, trace: SimTrace): HarnessSpec {
  const after: Record<number, string[]> = {};
  const before: Record<number, string[]> = {};
  const isolated: string[] = [];
  for (const made of trace.news) {
    for (const obj of made.objects) {
      const expr = expressionOf(obj);
      if (made.memoryError) isolated.push(expr);
      else addProbe(after, made.line, expr);
    }
  }
  for (const op of allOps(level.program)) {
    if (op.op === 'ask' && op.check) addProbe(after, op.line, op.check);
    const target = storeTarget(level, op.line);
    if ((op.op === 'set' || op.op === 'drop') && target) addProbe(after, op.line, target);
  }
  const first = firstPlainOp(level.program);
  if (first) for (const { object } of level.preplaced) addProbe(before, first.line, objectExpression(object));
  return {
    id: level.id,
    source: `${level.source.join('\n')}\n`,
    functions: Object.keys(level.functions),
    after,
    before,
    isolated,
  };
}

export function runPython(specs: HarnessSpec[]): PythonResult[] {
  const run = spawnSync('python3', [HARNESS], {
    input: JSON.stringify({ levels: specs }),
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    timeout: 300_000,
  });
  if (run.status !== 0) throw new Error(`python3 ${HARNESS} failed:\n${run.stderr}`);
  return (JSON.parse(run.stdout) as { results: PythonResult[] }).results;
}

// ---------------------------------------------------------------- comparing

/** Python's own events as the simulator's frame lines; other exceptions are not the game's. */
export function pythonFrames(result: PythonResult): string[] {
  const out: string[] = [];
  for (const [kind, a, b, c] of result.traced.events) {
    if (kind === 'call') out.push(`call ${a} @${b}`);
    else if (kind === 'return' || kind === 'unwind') out.push(`return ${a} @${b}`);
    else if (kind === 'raise' && (a === 'RecursionError' || a === 'MemoryError'))
      out.push(`raise ${a} @${c}`);
  }
  return out;
}

/** What a literal return value prints as, or null for values the check does not compare (references). */
function literalText(spec: ValueSpec | undefined): string | null {
  if (spec === undefined || 'none' in spec) return 'None';
  if ('int' in spec) return BigInt(spec.int).toString();
  if ('str' in spec) return spec.str;
  if ('bool' in spec) return spec.bool ? 'True' : 'False';
  if ('float' in spec) return String(spec.float);
  return null;
}

function sameLiteral(spec: ValueSpec | undefined, text: string | null): boolean {
  const expected = literalText(spec);
  if (expected === null) return true;
  if (spec && 'float' in spec) return text !== null && Number(text) === spec.float;
  return expected === text;
}

/** The one option whose text is the check's value, or starts with it followed by a space. */
export function optionFor(options: string[], value: string): number[] {
  return options.flatMap((text, i) => (text === value || text.startsWith(`${value} `) ? [i] : []));
}

/** Every way the simulator's run of a level differs from CPython's run of its source. */
export function compareWithPython(level: Level, trace: SimTrace, result: PythonResult): string[] {
  if (result.harnessError) return [`the harness failed: ${result.harnessError}`];
  const problems: string[] = [];
  const { traced, standalone } = result;

  const py = pythonFrames(result);
  const sim = trace.frames;
  const n = Math.max(py.length, sim.length);
  for (let i = 0; i < n; i++) {
    if (py[i] !== sim[i]) {
      problems.push(`frame event ${i}: python "${py[i] ?? '(none)'}", simulator "${sim[i] ?? '(none)'}"`);
      break;
    }
  }

  // The profiled run has no Python-level tracer: its counts confirm the traced run's recursion limit.
  const { profiled } = result;
  for (const fn of Object.keys(level.functions)) {
    if ((traced.calls[fn] ?? 0) !== (profiled.calls[fn] ?? 0)) {
      const edge =
        profiled.uncaught && !standalone.uncaught
          ? ` (profiled, it dies of ${profiled.uncaught.type}: the level leans on the very last frame)`
          : '';
      problems.push(
        `${fn}() is called ${profiled.calls[fn] ?? 0} times in the plain script but ${traced.calls[fn] ?? 0} times when traced${edge}`,
      );
    }
  }
  if (traced.stdout !== standalone.stdout)
    problems.push('the traced run printed something else than the plain script');
  if ((standalone.uncaught?.type ?? null) !== trace.uncaught) {
    problems.push(
      `the program ends with ${standalone.uncaught?.type ?? 'no error'} in Python, ${trace.uncaught ?? 'no error'} in the simulator`,
    );
  }
  if (standalone.uncaught?.type === 'RecursionError') {
    const raised = sim.find((f) => f.startsWith('raise RecursionError'));
    if (raised !== `raise RecursionError @${standalone.uncaught.frames}`) {
      problems.push(
        `the plain script's traceback has ${standalone.uncaught.frames} frames; the simulator ${raised ?? 'never raises'}`,
      );
    }
  }

  // Every line the program prints is narrated, in order, by a `say` on a print line.
  const printed = traced.stdout === '' ? [] : traced.stdout.replace(/\n$/, '').split('\n');
  const narrated = trace.says
    .filter((say) => /\bprint\(/.test(level.source[say.line - 1] ?? ''))
    .map((say) => say.text);
  if (printed.join('\n') !== narrated.join('\n')) {
    problems.push(
      `python prints ${JSON.stringify(printed)}, the level's print lines say ${JSON.stringify(narrated)}`,
    );
  }

  const pyReturns = traced.events.filter((e) => e[0] === 'return');
  trace.returns.forEach((op, i) => {
    const got = pyReturns[i];
    if (!got) problems.push(`line ${op.line}: the simulator returns but python does not (return #${i})`);
    else if (!sameLiteral(op.value, got[3] as string | null)) {
      problems.push(
        `line ${op.line}: return #${i} gives ${JSON.stringify(op.value ?? null)} in the level, ${got[3]} in python`,
      );
    }
  });

  const seen = new Map<number, number>();
  const occurrence = (line: number): number => {
    const k = seen.get(line) ?? 0;
    seen.set(line, k + 1);
    return k;
  };
  const spec = harnessSpec(level, trace);
  for (const made of trace.news) {
    const k = occurrence(made.line);
    const probes = traced.after[made.line]?.[k];
    for (const obj of made.objects) {
      const expr = expressionOf(obj);
      if (made.memoryError) {
        const size = result.isolated[expr];
        if (size !== obj.size)
          problems.push(
            `line ${made.line}: ${expr} is ${size} bytes in python, ${obj.size} in the simulator`,
          );
        continue;
      }
      const probe = probes?.[spec.after[made.line]!.indexOf(expr)];
      if (!probe) problems.push(`line ${made.line} runs fewer than ${k + 1} times in python`);
      else if ('error' in probe) problems.push(`line ${made.line}: ${expr} -> ${probe.error}`);
      else if (probe.size !== obj.size) {
        problems.push(
          `line ${made.line} (#${k}): sys.getsizeof(${expr}) is ${probe.size}, the simulator's ${obj.id} is ${obj.size}`,
        );
      }
    }
  }
  if (trace.news.some((made) => made.memoryError) && !py.some((f) => f.startsWith('raise MemoryError'))) {
    problems.push('the simulator runs out of memory but python never raises MemoryError');
  }

  seen.clear();
  for (const store of trace.stores) {
    const k = occurrence(store.line);
    const expr = storeTarget(level, store.line);
    if (!expr) continue;
    const probe = traced.after[store.line]?.[k]?.[spec.after[store.line]!.indexOf(expr)];
    if (!probe) problems.push(`line ${store.line} runs fewer than ${k + 1} times in python`);
    else if ('error' in probe) problems.push(`line ${store.line}: ${expr} -> ${probe.error}`);
    else if (probe.size !== store.size) {
      problems.push(
        `line ${store.line} (#${k}): after it sys.getsizeof(${expr}) is ${probe.size}, the simulator's ${store.objectId} is ${store.size}`,
      );
    }
  }

  seen.clear();
  for (const { line, op } of trace.asks) {
    const k = occurrence(line);
    if (!op.check) continue;
    const probe = traced.after[line]?.[k]?.[spec.after[line]!.indexOf(op.check)];
    if (!probe) problems.push(`line ${line}: no python value for the check ${op.check}`);
    else if ('error' in probe) problems.push(`line ${line}: ${op.check} -> ${probe.error}`);
    else {
      const matches = optionFor(op.options, probe.text ?? '');
      if (matches.length !== 1 || matches[0] !== op.correct) {
        problems.push(
          `line ${line}: "${op.question}" — python says ${op.check} = ${probe.text}, the level's answer is "${op.options[op.correct]}"`,
        );
      }
    }
  }

  const first = firstPlainOp(level.program);
  const start = createGame(level, 1);
  level.preplaced.forEach(({ object }, i) => {
    const expr = objectExpression(object);
    const probe = first
      ? traced.before[first.line]?.[0]?.[spec.before[first.line]!.indexOf(expr)]
      : undefined;
    const simSize = start.objects[object.id]?.size ?? null;
    if (!probe || 'error' in probe) problems.push(`preplaced[${i}]: no python value for ${expr}`);
    else if (simSize !== null && probe.size !== simSize) {
      problems.push(
        `preplaced[${i}]: sys.getsizeof(${expr}) is ${probe.size}, the simulator's is ${simSize}`,
      );
    }
  });
  return problems;
}
