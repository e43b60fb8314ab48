/**
 * Warnings about the level itself, raised while it runs: a defect in a hand-written level
 * (a misspelt name reads as None) would otherwise go unnoticed. The run goes on as the
 * simulator defines; `lintLevel` collects these from a dry run so the level check can
 * name the file, the op and the field.
 */
import { currentOp, opPath } from './cursors';
import type { Draft } from './draft';

/**
 * Emits a `level-warning` for the op being run. `where` is the field of the op (`'target'`),
 * or a test that finds the value spec at fault inside the op (the first match is named).
 */
export function warnLevel(d: Draft, message: string, where: string | ((value: unknown) => boolean)): void {
  const { level, program } = d.state;
  const op = currentOp(level, program);
  const field = typeof where === 'string' ? where && `.${where}` : ((op && findPath(op, where)) ?? '');
  d.emit({ type: 'level-warning', line: program.line, at: `${opPath(program)}${field}`, message });
}

/** The path inside `value` of the first part that `test` accepts, e.g. `.objects[0].value.list[2]`. */
function findPath(value: unknown, test: (value: unknown) => boolean): string | null {
  if (test(value)) return '';
  if (value === null || typeof value !== 'object') return null;
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((item, i) => [`[${i}]`, item])
    : Object.entries(value).map(([key, item]) => [`.${key}`, item]);
  for (const [key, item] of entries) {
    // The ops inside a repeat or a try are other ops, with warnings of their own.
    if (key === '.body' || key === '.handler') continue;
    const inner = findPath(item, test);
    if (inner !== null) return key + inner;
  }
  return null;
}

/** Tests for the value specs `{"name": name}` and `{"ref": id}`. */
export const nameSpec =
  (name: string) =>
  (value: unknown): boolean =>
    typeof value === 'object' &&
    value !== null &&
    (value as { name?: unknown }).name === name &&
    !('op' in value);

export const refSpec =
  (id: string) =>
  (value: unknown): boolean =>
    typeof value === 'object' && value !== null && (value as { ref?: unknown }).ref === id;
