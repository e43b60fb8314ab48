/** The call stack's byte use. */
import type { Frame } from './types';

const used = new WeakMap<Frame[], number>();

export function stackBytes(stack: Frame[]): number {
  let bytes = used.get(stack);
  if (bytes === undefined) {
    bytes = 0;
    for (const frame of stack) bytes += frame.size;
    used.set(stack, bytes);
  }
  return bytes;
}

export function forgetStackBytes(stack: Frame[]): void {
  used.delete(stack);
}
