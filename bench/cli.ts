/**
 * Command-line options for the benches: `--help` prints the bench's own header comment (its
 * usage), and an unknown or malformed option says so and shows the usage instead of a stack
 * trace.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ParseArgsConfig, parseArgs } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

export function benchArgs<T extends Options>(
  options: T,
  moduleUrl: string,
): ReturnType<typeof parseArgs<{ options: T }>>['values'] {
  try {
    const { values } = parseArgs({ options: { ...options, help: { type: 'boolean', short: 'h' } } });
    if ((values as { help?: boolean }).help) {
      console.log(usage(moduleUrl));
      process.exit(0);
    }
    return values as ReturnType<typeof parseArgs<{ options: T }>>['values'];
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage(moduleUrl)}`);
    process.exit(2);
  }
}

/** The first block comment of the bench's file, without its comment markers. */
function usage(moduleUrl: string): string {
  const source = readFileSync(fileURLToPath(moduleUrl), 'utf8');
  const comment = /\/\*\*([\s\S]*?)\*\//.exec(source)?.[1] ?? '';
  return comment
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, ''))
    .join('\n')
    .trim();
}
