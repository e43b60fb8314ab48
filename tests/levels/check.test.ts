import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { LEVELS } from '../../levels';
import { checkFolder } from '../../levels/check';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const callStack = JSON.parse(readFileSync(join(ROOT, 'levels/01-call-stack.json'), 'utf8')) as Record<
  string,
  unknown
>;

let folder: string | null = null;
afterEach(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = null;
});

function check(files: Record<string, unknown>): { code: number; lines: string[] } {
  folder = mkdtempSync(join(tmpdir(), 'levels-'));
  for (const [name, json] of Object.entries(files)) {
    writeFileSync(join(folder, name), typeof json === 'string' ? json : JSON.stringify(json));
  }
  const lines: string[] = [];
  const code = checkFolder(folder, (line) => lines.push(line), null);
  return { code, lines };
}

describe('levels:check', () => {
  test('passes a good level with one line and a summary', () => {
    const { code, lines } = check({ '01-call-stack.json': callStack });
    expect(code).toBe(0);
    expect(lines[0]).toMatch(/^01 call-stack .*perfect +\d+ 3★ in +\d+ ticks .* ok$/);
    expect(lines.at(-1)).toBe('\n1 level files, 1 parsed, all good');
  });

  test('reports a bad file with its name, the path inside it and the problem, and fails', () => {
    const broken = structuredClone(callStack);
    (broken.program as Record<string, unknown>[])[1]!.value = { integer: 1 };
    const { code, lines } = check({
      '01-call-stack.json': callStack,
      '02-broken.json': broken,
      'notes.json': '{}',
      '03-bad.json': '{',
    });
    expect(code).toBe(1);
    expect(lines).toContain(
      'levels/02-broken.json: program[1].value: unknown value kind "integer": a value is an object with one of the keys int, float, str, bytes, list, tuple, dict, set, none, bool, ref, name, repeat',
    );
    expect(lines).toContain('levels/notes.json: level files are named NN-slug.json');
    expect(lines.some((line) => line.startsWith('levels/03-bad.json: '))).toBe(true);
    expect(lines.at(-1)).toMatch(/4 level files, 1 parsed, \d+ problem\(s\)$/);
  });

  test('fails a level whose three stars a sloppy bot reaches', () => {
    const easy = { ...callStack, stars: [1, 2, 3] };
    const { code, lines } = check({ '01-call-stack.json': easy });
    expect(code).toBe(1);
    expect(lines.join('\n')).toMatch(
      /levels\/01-call-stack\.json: a sloppy bot averages \d+ .*three stars are too easy/,
    );
  });

  test('fails a level whose program reads a name that names nothing, naming the file and the op', () => {
    const broken = structuredClone(callStack);
    // `x = 1` in a() becomes `x = y`: y is not bound there, so x would silently be None.
    (broken.program as Record<string, unknown>[])[1]!.value = { name: 'y' };
    const { code, lines } = check({ '01-call-stack.json': broken });
    expect(code).toBe(1);
    expect(lines).toContain(
      '   levels/01-call-stack.json: program[1].value: line 2: the name "y" is not bound here (Python raises NameError); it reads as None',
    );
  });

  test('fails a level on which fragmenting the heap on purpose pays', () => {
    // A MemoryError at line 2 ends the program before its long tail: more time left on the clock.
    const level = {
      id: 'fragment-pays',
      order: 1,
      title: 'Fragmenting pays',
      concept: 'fragmentation',
      intro: ['x'],
      outro: ['x'],
      source: ['x = 2.5', 'big = bytes(100)', 'print("tick")'],
      machine: { stackBytes: 512, recursionLimit: 1000, heapBytes: 160 },
      program: [
        { op: 'new', line: 1, objects: [{ id: 'x', value: { float: 2.5 }, bind: 'x' }] },
        { op: 'new', line: 2, objects: [{ id: 'big', value: { bytes: 100 }, bind: 'big' }] },
        { op: 'repeat', line: 3, times: 60, body: [{ op: 'say', line: 3, text: 'tick' }] },
      ],
      pace: 10,
      grace: 50,
      timeLimit: 2000,
      stars: [1, 2, 3],
    };
    const { code, lines } = check({ '01-fragment-pays.json': level });
    expect(code).toBe(1);
    expect(lines.join('\n')).toMatch(
      /levels\/01-fragment-pays\.json: a player who fragments the heap on purpose scores \d+, more than perfect play \(\d+\)/,
    );
  });

  test('fails files whose order does not follow their names', () => {
    const { code, lines } = check({
      '01-call-stack.json': callStack,
      '02-again.json': { ...callStack, id: 'again', order: 1 },
    });
    expect(code).toBe(1);
    expect(lines).toContain('02-again.json: order 1 does not come after 1');
  });

  test('npm run levels:check passes on the pack, one line per level', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'levels/check.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines.filter((line) => line.endsWith('| ok'))).toHaveLength(LEVELS.length);
    expect(lines.at(-1)).toBe(`${LEVELS.length} level files, ${LEVELS.length} parsed, all good`);
  }, 120_000);
});
