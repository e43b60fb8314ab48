/** The call stack's byte use. */
import type { Frame } from './types';

/** Stacks shorter than this are summed on the spot: cheaper than a cache lookup. */
const CACHE_FROM_DEPTH = 128;

const used = new WeakMap<Frame[], number>();

export function stackBytes(stack: Frame[]): number {
  if (stack.length < CACHE_FROM_DEPTH) {
    let bytes = 0;
    for (const frame of stack) bytes += frame.size;
    return bytes;
  }
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

/** Records the byte use of a stack array just built from another (a push or a pop), without summing it again. */
export function rememberStackBytes(stack: Frame[], bytes: number): void {
  if (stack.length >= CACHE_FROM_DEPTH) used.set(stack, bytes);
}
