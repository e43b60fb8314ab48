/**
 * Which way dependencies go: the simulator and the level code in `shared/` are imported by
 * the level pack, the server and the client, never the other way round, and they use no
 * Node API (they run in browsers too). `shared/demo.ts` is a command-line script at the
 * edge and may read the pack.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHARED = join(ROOT, 'shared');
const EDGE_SCRIPTS = new Set(['shared/demo.ts']);

function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every module specifier a file imports or re-exports, static or dynamic. */
function specifiers(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) found.push(match[1]!);
  return found;
}

describe('shared/ depends on nothing outside it', () => {
  const files = sources(SHARED)
    .map((path) => relative(ROOT, path))
    .filter((file) => !EDGE_SCRIPTS.has(file));

  test('there are modules to check', () => {
    expect(files).toContain('shared/sim/reference-players.ts');
    expect(files).toContain('shared/level/rush-calibrate.ts');
  });

  test('relative imports stay inside shared/, and no Node API is imported', () => {
    const outside: string[] = [];
    for (const file of files) {
      for (const spec of specifiers(readFileSync(join(ROOT, file), 'utf8'))) {
        if (spec.startsWith('node:')) outside.push(`${file} imports ${spec}`);
        if (!spec.startsWith('.')) continue;
        const target = relative(ROOT, resolve(dirname(join(ROOT, file)), spec));
        if (!target.startsWith('shared/')) outside.push(`${file} imports ${spec}`);
      }
    }
    expect(outside).toEqual([]);
  });
});
