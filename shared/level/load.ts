/**
 * Loading a level: the schema first, then the checks a schema cannot express (a called
 * function exists and gets its parameters, object ids are unique and references point at
 * made objects, preplaced objects fit the heap without overlapping, lines exist, answers
 * are among the options), and, on request, a dry run that catches what only running shows
 * (a name that names nothing). A bad level is refused with one message per problem, each naming
 * the file, the path inside it and what is wrong in plain words, e.g.
 *   levels/03-heap.json: program[3].objects[0].value: unknown value kind "lst": a value is …
 * Pure: the caller reads the file.
 */
import type { z } from 'zod';
import { lintLevel } from '../sim/lint';
import {
  bytesSize,
  dictSizeForKeys,
  FLOAT_SIZE,
  intSize,
  listCapacityForLiteral,
  listSize,
  setSize,
  strSize,
  tupleSize,
} from '../sim/sizes';
import { Level, type Op, type ValueSpec } from './schema';

type Path = readonly PropertyKey[];

export interface LevelProblem {
  /** Where in the file, e.g. `program[3].objects[0].value`; empty for the whole file. */
  path: string;
  problem: string;
}

export class LevelError extends Error {
  readonly fileName: string;
  readonly problems: LevelProblem[];

  constructor(fileName: string, problems: LevelProblem[]) {
    super(problems.map((p) => `${fileName}: ${p.path || '(the whole level)'}: ${p.problem}`).join('\n'));
    this.name = 'LevelError';
    this.fileName = fileName;
    this.problems = problems;
  }
}

/** `['program', 3, 'objects', 0, 'value']` -> `program[3].objects[0].value`. */
export function formatPath(path: Path): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

// ---------------------------------------------------------------- schema problems in plain words

function valueAt(input: unknown, path: Path): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function kindOf(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string')
    return `the text ${JSON.stringify(value.length > 30 ? `${value.slice(0, 30)}…` : value)}`;
  return `${typeof value === 'number' ? 'the number' : typeof value} ${String(value)}`;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

type Issue = z.core.$ZodIssue;

function sizeProblem(issue: Issue & { code: 'too_small' | 'too_big' }): string {
  const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
  const least = issue.code === 'too_small';
  const bound = least
    ? issue.inclusive
      ? 'at least'
      : 'more than'
    : issue.inclusive
      ? 'at most'
      : 'less than';
  switch (issue.origin) {
    case 'string':
      return least && limit === 1
        ? 'must not be empty'
        : `must be ${bound} ${plural(limit, 'character')} long`;
    case 'array':
    case 'set':
      return least && limit === 1 ? 'must not be empty' : `must have ${bound} ${plural(limit, 'item')}`;
    default:
      return `must be ${bound} ${limit}`;
  }
}

/** For a union whose every branch failed: the branch that got furthest, or null when none did. */
function closestBranch(errors: Issue[][]): Issue[] | null {
  const deep = errors.filter(
    (branch) => branch.length > 0 && branch.every((i) => i.path.length > 0 && i.code !== 'unrecognized_keys'),
  );
  if (deep.length === 0) return null;
  return deep.reduce((best, branch) => (branch.length < best.length ? branch : best));
}

/** The forms a ValueSpec may take (the only union of objects in the level format besides `op`). */
const VALUE_FORMS = [
  'int',
  'float',
  'str',
  'bytes',
  'list',
  'tuple',
  'dict',
  'set',
  'none',
  'bool',
  'ref',
  'name',
  'repeat',
];

/** What a value that fits no branch of a union should have been. */
function unionProblem(errors: Issue[][], at: unknown): string {
  const expected = errors.map((branch) =>
    branch.length === 1 && branch[0]!.code === 'invalid_type' ? branch[0]!.expected : null,
  );
  if (
    expected.every((e) => e === 'object') ||
    (at !== null && typeof at === 'object' && !Array.isArray(at))
  ) {
    if (at === null || typeof at !== 'object' || Array.isArray(at)) {
      return `expected a value such as {"int": 5} or {"list": [...]}, got ${kindOf(at)}`;
    }
    const keys = Object.keys(at);
    const what =
      keys.length === 0 ? 'an empty object' : `unknown value kind ${keys.map((k) => `"${k}"`).join(', ')}`;
    return `${what}: a value is an object with one of the keys ${VALUE_FORMS.join(', ')}`;
  }
  if (expected.every((e) => e !== null))
    return `expected ${[...new Set(expected)].join(' or ')}, got ${kindOf(at)}`;
  return `does not match any allowed form (got ${kindOf(at)})`;
}

function describe(issue: Issue, input: unknown, path: Path): LevelProblem[] {
  const at = valueAt(input, path);
  const here = (problem: string): LevelProblem[] => [{ path: formatPath(path), problem }];
  switch (issue.code) {
    case 'invalid_type':
      return here(
        at === undefined
          ? `is missing (expected ${issue.expected})`
          : `expected ${issue.expected}, got ${kindOf(at)}`,
      );
    case 'too_small':
    case 'too_big':
      return here(`${sizeProblem(issue)} (got ${kindOf(at)})`);
    case 'invalid_format':
      return here(
        issue.message.startsWith('Invalid')
          ? `${kindOf(at)} does not have the expected form (${issue.format === 'regex' && 'pattern' in issue ? issue.pattern : issue.format})`
          : `${kindOf(at)}: ${issue.message}`,
      );
    case 'invalid_value':
      return here(
        `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')} (got ${kindOf(at)})`,
      );
    case 'unrecognized_keys':
      return here(
        `unknown ${issue.keys.length === 1 ? 'field' : 'fields'} ${issue.keys.map((k) => `"${k}"`).join(', ')}`,
      );
    case 'invalid_union': {
      if ('discriminator' in issue && issue.discriminator) {
        const options = ('options' in issue ? (issue.options as unknown[]) : []).map(String).join(', ');
        return here(
          `unknown ${String(issue.discriminator)} ${JSON.stringify(at)} (expected one of ${options})`,
        );
      }
      const branch = closestBranch(issue.errors);
      if (branch) return branch.flatMap((inner) => describe(inner, input, [...path, ...inner.path]));
      return here(unionProblem(issue.errors, at));
    }
    default:
      return here(issue.message);
  }
}

// ---------------------------------------------------------------- semantic checks

/** `sys.getsizeof` of a spec's top object, as the simulator computes it (preplaced objects only). */
function specSize(spec: ValueSpec): number | null {
  if ('int' in spec) return intSize(BigInt(spec.int));
  if ('float' in spec) return FLOAT_SIZE;
  if ('str' in spec) return strSize(spec.str);
  if ('bytes' in spec) return bytesSize(spec.bytes);
  const count = (items: ValueSpec[]): number =>
    items.reduce((n, item) => n + ('repeat' in item ? item.times : 1), 0);
  if ('list' in spec) {
    const length = count(spec.list);
    const onlyRepeats = spec.list.length > 0 && spec.list.every((item) => 'repeat' in item);
    const constant = spec.list.every(
      (item) => !('list' in item || 'dict' in item || 'set' in item || 'ref' in item || 'name' in item),
    );
    const capacity = spec.capacity ?? (onlyRepeats ? length : listCapacityForLiteral(length, constant));
    return listSize(Math.max(capacity, length));
  }
  if ('tuple' in spec) return tupleSize(count(spec.tuple));
  if ('set' in spec) return setSize(spec.set.length);
  if ('dict' in spec)
    return dictSizeForKeys(
      spec.dict.map(([k]) => ('str' in k ? 'str' : 'other')),
      'display',
    );
  return null;
}

const SMALL_INT_MIN = -5n;
const SMALL_INT_MAX = 256n;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Whether a spec denotes a shelf object (small int, None, bool, interned str): never placed. */
function isShelf(spec: ValueSpec): boolean {
  if ('none' in spec || 'bool' in spec) return true;
  if ('int' in spec) {
    const v = BigInt(spec.int);
    return v >= SMALL_INT_MIN && v <= SMALL_INT_MAX;
  }
  if ('str' in spec) return spec.interned === true || IDENTIFIER.test(spec.str);
  return false;
}

/** Whether making this spec makes heap objects besides its top one (e.g. a list holding a big int). */
function holdsNewObjects(spec: ValueSpec): boolean {
  const items: ValueSpec[] =
    'list' in spec
      ? spec.list
      : 'tuple' in spec
        ? spec.tuple
        : 'set' in spec
          ? spec.set
          : 'dict' in spec
            ? spec.dict.flat()
            : [];
  return items.some((item) => {
    const inner = 'repeat' in item ? item.repeat : item;
    return !('ref' in inner || 'name' in inner || isShelf(inner));
  });
}

class Checker {
  readonly problems: LevelProblem[] = [];
  private readonly ids = new Map<string, string>();

  constructor(private readonly level: Level) {}

  add(path: Path, problem: string): void {
    this.problems.push({ path: formatPath(path), problem });
  }

  declare(id: string, path: Path): void {
    const first = this.ids.get(id);
    if (first !== undefined)
      this.add(path, `object id "${id}" is already used at ${first}: ids must be unique`);
    else this.ids.set(id, formatPath(path));
  }

  line(line: number, path: Path): void {
    const text = this.level.source[line - 1];
    if (text === undefined)
      this.add(
        path,
        `line ${line} does not exist: the source has ${plural(this.level.source.length, 'line')}`,
      );
    else if (text.trim() === '') this.add(path, `line ${line} of the source is blank`);
  }

  value(spec: ValueSpec, path: Path): void {
    if ('ref' in spec) {
      if (!this.ids.has(spec.ref))
        this.add([...path, 'ref'], `no object made before this point has id "${spec.ref}"`);
      return;
    }
    if ('repeat' in spec) {
      this.value(spec.repeat, [...path, 'repeat']);
      return;
    }
    const items: [ValueSpec, Path][] = [];
    for (const kind of ['list', 'tuple', 'set'] as const) {
      if (kind in spec) {
        const list = (spec as Record<typeof kind, ValueSpec[]>)[kind];
        for (const [i, item] of list.entries()) items.push([item, [...path, kind, i]]);
      }
    }
    if ('dict' in spec) {
      for (const [i, [k, v]] of spec.dict.entries())
        items.push([k, [...path, 'dict', i, 0]], [v, [...path, 'dict', i, 1]]);
    }
    for (const [item, at] of items) this.value(item, at);
  }

  preplaced(): void {
    const { heapBytes } = this.level.machine;
    const spans: { start: number; end: number; path: string }[] = [];
    this.level.preplaced.forEach(({ object, address }, i) => {
      const path = ['preplaced', i];
      this.declare(object.id, [...path, 'object', 'id']);
      this.value(object.value, [...path, 'object', 'value']);
      if (isShelf(object.value)) {
        this.add(
          [...path, 'object', 'value'],
          'is a shelf object (small int, None, bool or interned str): it is never placed on the heap',
        );
        return;
      }
      if (holdsNewObjects(object.value)) {
        this.add(
          [...path, 'object', 'value'],
          'holds new heap objects of its own, which would have no address: preplace them separately and use {"ref": id}',
        );
      }
      if (address % 8 !== 0)
        this.add([...path, 'address'], `address ${address} is not a multiple of 8 (heap cells are 8 bytes)`);
      const size = specSize(object.value);
      if (size === null) return;
      const end = address + Math.ceil(size / 8) * 8;
      if (end > heapBytes) {
        this.add(
          path,
          `object "${object.id}" (${size} bytes at ${address}) ends at byte ${end}, past the end of the ${heapBytes}-byte heap`,
        );
      }
      for (const other of spans) {
        if (address < other.end && other.start < end) {
          this.add(
            path,
            `object "${object.id}" (bytes ${address}..${end - 1}) overlaps ${other.path} (bytes ${other.start}..${other.end - 1})`,
          );
        }
      }
      spans.push({ start: address, end, path: formatPath(path) });
    });
  }

  ops(ops: Op[], path: Path): void {
    for (const [i, op] of ops.entries()) this.op(op, [...path, i]);
  }

  op(op: Op, path: Path): void {
    this.line(op.line, [...path, 'line']);
    switch (op.op) {
      case 'call': {
        const fn = this.level.functions[op.fn];
        if (!fn) {
          const known = Object.keys(this.level.functions);
          this.add(
            [...path, 'fn'],
            `calls "${op.fn}", which is not in functions (${known.length ? `defined: ${known.join(', ')}` : 'none are defined'})`,
          );
          break;
        }
        const given = Object.keys(op.args ?? {});
        const missing = fn.params.filter((p) => !given.includes(p));
        const unknown = given.filter((a) => !fn.params.includes(a));
        if (missing.length > 0 || unknown.length > 0) {
          const parts = [
            missing.length ? `no value for ${missing.map((p) => `"${p}"`).join(', ')}` : '',
            unknown.length ? `"${op.fn}" has no parameter ${unknown.map((p) => `"${p}"`).join(', ')}` : '',
          ].filter(Boolean);
          this.add(
            [...path, 'args'],
            `${op.fn}(${fn.params.join(', ')}) is called with (${given.join(', ')}): ${parts.join('; ')}`,
          );
        }
        for (const [name, spec] of Object.entries(op.args ?? {})) this.value(spec, [...path, 'args', name]);
        break;
      }
      case 'return':
        if (op.value) this.value(op.value, [...path, 'value']);
        break;
      case 'new':
        for (const [j, object] of op.objects.entries()) {
          const at = [...path, 'objects', j];
          this.value(object.value, [...at, 'value']);
          this.declare(object.id, [...at, 'id']);
          const v = object.value;
          if (isShelf(v) || 'ref' in v || 'name' in v || 'repeat' in v) {
            this.add(
              [...at, 'value'],
              'makes no new heap object (a shared shelf value or a reference): use a bind op instead',
            );
          }
        }
        break;
      case 'bind':
        this.value(op.value, [...path, 'value']);
        break;
      case 'set':
        this.value(op.target, [...path, 'target']);
        this.value(op.value, [...path, 'value']);
        break;
      case 'drop':
        this.value(op.target, [...path, 'target']);
        break;
      case 'ask':
        if (op.correct >= op.options.length) {
          this.add(
            [...path, 'correct'],
            `is ${op.correct} but there ${op.options.length === 1 ? 'is' : 'are'} only ${plural(op.options.length, 'option')} (counted from 0)`,
          );
        }
        break;
      case 'repeat':
        this.ops(op.body, [...path, 'body']);
        break;
      case 'try':
        this.ops(op.body, [...path, 'body']);
        this.ops(op.handler, [...path, 'handler']);
        break;
      case 'unbind':
      case 'say':
        break;
    }
  }
}

export interface ParseOptions {
  /**
   * Also play the level once with the perfect player and refuse it when its program does
   * something Python would not (a name that names nothing, a reference to an object that is
   * gone, …; see `lintLevel`). Costs one run of the level: tools and tests ask for it.
   */
  dryRun?: boolean;
}

/** The problems a dry run of a parsed level finds, at their paths in the file. */
export function dryRunProblems(level: Level): LevelProblem[] {
  return lintLevel(level).map((w) => ({ path: w.at, problem: `line ${w.line}: ${w.message}` }));
}

/** Parses a level file's JSON; throws a LevelError naming the file, the path and the problem. */
export function parseLevel(json: unknown, fileName: string, options: ParseOptions = {}): Level {
  const parsed = Level.safeParse(json);
  if (!parsed.success) {
    throw new LevelError(
      fileName,
      parsed.error.issues.flatMap((issue) => describe(issue, json, issue.path)),
    );
  }
  const level = parsed.data;
  const checker = new Checker(level);
  checker.preplaced();
  checker.ops(level.program, ['program']);
  if (checker.problems.length > 0) throw new LevelError(fileName, checker.problems);
  if (options.dryRun) {
    const problems = dryRunProblems(level);
    if (problems.length > 0) throw new LevelError(fileName, problems);
  }
  return level;
}
