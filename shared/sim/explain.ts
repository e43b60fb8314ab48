/**
 * One plain sentence about an action, for the narrated demonstration and for hints:
 * what it does and why it is (or is not) the right move now.
 */
import { currentOp } from './cursors';
import { spanOf } from './heap';
import { analyse, garbageCycles } from './references';
import { stackBytes } from './stack';
import type { Action, GameState, ObjectKind } from './types';

/** Where the heap starts on screen; the simulator itself only stores offsets. */
export const ADDRESS_BASE = 0x7f00_0000;

export function formatAddress(offset: number): string {
  return `0x${(ADDRESS_BASE + offset).toString(16)}`;
}

const KIND_NAMES: Record<ObjectKind, string> = {
  int: 'int',
  float: 'float',
  str: 'string',
  bytes: 'bytes object',
  list: 'list',
  tuple: 'tuple',
  dict: 'dict',
  set: 'set',
  none: 'None',
  bool: 'bool',
};

function listWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function explainPush(state: GameState, fn: string): string {
  const request = state.request;
  const { machine, functions } = state.level;
  if (request?.kind !== 'push' || request.fn !== fn) {
    return `Nothing is calling ${fn}() right now, so there is no frame to push.`;
  }
  const frameBytes = functions[fn]?.frameBytes ?? machine.moduleFrameBytes;
  if (stackBytes(state.stack) + frameBytes > machine.stackBytes) {
    return `${fn}()'s frame needs ${frameBytes} bytes but the stack is full: pushing it would crash the program.`;
  }
  if (state.stack.length >= machine.recursionLimit) {
    return `The stack already holds ${state.stack.length} frames, Python's limit, so ${fn}() must not get another one.`;
  }
  const params = functions[fn]?.params ?? [];
  const room = params.length > 0 ? `for ${listWords(params)}` : 'for its local variables';
  return `Push a frame for ${fn}(): the call on line ${request.line} needs its own space ${room}.`;
}

function explainPop(state: GameState): string {
  const top = state.stack[state.stack.length - 1]!;
  if (state.stack.length <= 1) return 'The <module> frame is the program itself, so it can never be popped.';
  if (state.request?.kind !== 'pop') return `${top.fn}() has not returned yet, so its frame has to stay.`;
  const names = Object.keys(top.locals);
  const goes =
    names.length > 0
      ? `its variables ${listWords(names)} disappear with it`
      : 'its frame is not needed any more';
  return `Pop ${top.fn}()'s frame: it returned on line ${state.request.line}, so ${goes}.`;
}

function explainPlace(state: GameState, objectId: string, address: number): string {
  const obj = state.objects[objectId];
  if (!obj) return `There is no object called ${objectId}.`;
  const request = state.request;
  if (request?.kind !== 'place' || !request.objectIds.includes(objectId)) {
    return `${obj.label} is not waiting for a place on the heap.`;
  }
  const cells = spanOf(obj.size) / 8;
  const where = formatAddress(address);
  if (request.resize?.objectId === objectId) {
    return `The ${KIND_NAMES[obj.kind]} ${obj.label} outgrew its cells and the next ones are taken, so it moves to ${where} (${obj.size} bytes).`;
  }
  return `Put the new ${KIND_NAMES[obj.kind]} ${obj.label} at ${where}: it needs ${obj.size} bytes, ${cells} cell${cells === 1 ? '' : 's'} in a row.`;
}

function explainFree(state: GameState, objectIds: string[]): string {
  const labels = objectIds.map((id) => state.objects[id]?.label ?? id);
  const analysis = analyse(state);
  const live = objectIds.find((id) => !analysis.garbage.includes(id));
  if (live) {
    return `${state.objects[live]?.label ?? live} is still in use, so freeing it would leave a dangling pointer and crash.`;
  }
  const cycles = garbageCycles(state.objects, analysis.garbage).filter((c) =>
    c.some((id) => objectIds.includes(id)),
  );
  if (cycles.length > 0) {
    return `Free ${listWords(labels)}: they only point at each other, so their counts never reach zero, but nothing can reach them.`;
  }
  const one = labels.length === 1;
  return `Free ${listWords(labels)}: no variable can reach ${one ? 'it' : 'them'} any more, so ${one ? 'it is' : 'they are'} garbage.`;
}

function explainRaise(state: GameState, error: 'RecursionError' | 'MemoryError'): string {
  const request = state.request;
  if (error === 'RecursionError') {
    if (request?.kind === 'push' && request.overflow) {
      return `Raise RecursionError: one more frame for ${request.fn}() would go past the stack's limit.`;
    }
    return 'No RecursionError: the next call still fits on the stack.';
  }
  if (request?.kind === 'place' && request.outOfMemory) {
    const big = request.objectIds.map((id) => state.objects[id]).find((o) => o !== undefined);
    const what = big ? `${big.label} needs ${big.size} bytes` : 'the new object needs more room';
    return `Raise MemoryError: ${what} and no free run of cells is that long, even with all garbage freed.`;
  }
  return 'No MemoryError: there is still room on the heap, or garbage that can be freed.';
}

function explainAnswer(state: GameState, option: number): string {
  const op = currentOp(state.level, state.program);
  if (state.request?.kind !== 'answer' || op?.op !== 'ask')
    return 'There is no question to answer right now.';
  const chosen = op.options[option] ?? '?';
  return op.correct === option
    ? `Answer "${chosen}": ${op.explain}`
    : `"${chosen}" is not right: ${op.explain}`;
}

export function explainAction(state: GameState, action: Action): string {
  switch (action.type) {
    case 'push':
      return explainPush(state, action.fn);
    case 'pop':
      return explainPop(state);
    case 'place':
      return explainPlace(state, action.objectId, action.address);
    case 'free':
      return explainFree(state, action.objectIds);
    case 'raise':
      return explainRaise(state, action.error);
    case 'answer':
      return explainAnswer(state, action.option);
  }
}
