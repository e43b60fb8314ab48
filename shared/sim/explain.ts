/**
 * One plain sentence about an action, for the narrated demonstration and for hints:
 * what it does and why it is (or is not) the right move now.
 */
import { currentOp, listAt } from './cursors';
import { spanOf } from './heap';
import { own } from './own';
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

/** The names the called function will bind: the ops after the call, in the same list, until its return. */
function localsAhead(state: GameState): string[] {
  const { cursors } = state.program;
  const k = cursors.length - 1;
  if (k < 0) return [];
  const list = listAt(state.level, cursors, k);
  const names: string[] = [];
  let depth = 0;
  for (let i = cursors[k]!.index + 1; i < list.length && depth >= 0; i++) {
    const op = list[i]!;
    if (op.op === 'call') depth++;
    else if (op.op === 'return') depth--;
    else if (depth === 0 && op.op === 'bind') names.push(op.name);
    else if (depth === 0 && op.op === 'new') for (const o of op.objects) if (o.bind) names.push(o.bind);
  }
  return names;
}

function explainPush(state: GameState, fn: string): string {
  const request = state.request;
  const { machine, functions } = state.level;
  if (request?.kind !== 'push' || request.fn !== fn) {
    return `Nothing is calling ${fn}() right now, so there is no frame to push.`;
  }
  const frameBytes = own(functions, fn)?.frameBytes ?? machine.moduleFrameBytes;
  if (stackBytes(state.stack) + frameBytes > machine.stackBytes) {
    return `${fn}()'s frame needs ${frameBytes} bytes but the stack is full: pushing it would crash the program.`;
  }
  if (state.stack.length >= machine.recursionLimit) {
    return `The stack already holds ${state.stack.length} frames, Python's limit, so ${fn}() must not get another one.`;
  }
  const names = [...new Set([...(own(functions, fn)?.params ?? []), ...localsAhead(state)])];
  const room = names.length > 0 ? `its own space for ${listWords(names)}` : 'its own frame on the stack';
  return `Push a frame for ${fn}(): the call on line ${request.line} needs ${room}.`;
}

function explainPop(state: GameState): string {
  const top = state.stack[state.stack.length - 1]!;
  if (state.stack.length <= 1) return 'The <module> frame is the program itself, so it can never be popped.';
  if (state.request?.kind !== 'pop') return `${top.fn}() has not returned yet, so its frame has to stay.`;
  const names = Object.keys(top.locals);
  const goes =
    names.length === 0
      ? 'its frame is not needed any more'
      : names.length === 1
        ? `its variable ${names[0]} goes with it`
        : `its variables ${listWords(names)} go with it`;
  return `Pop ${top.fn}()'s frame: it returned on line ${state.request.line}, so ${goes}.`;
}

function explainPlace(state: GameState, objectId: string, address: number): string {
  const obj = own(state.objects, objectId);
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
  const unknown = objectIds.find((id) => !own(state.objects, id));
  if (unknown) return `There is no object called ${unknown}.`;
  const labels = objectIds.map((id) => own(state.objects, id)?.label ?? id);
  const analysis = analyse(state);
  const live = objectIds.find((id) => !analysis.garbage.includes(id));
  if (live) {
    return `${own(state.objects, live)?.label ?? live} is still in use, so freeing it would leave a dangling pointer and crash.`;
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
