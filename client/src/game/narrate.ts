/**
 * A text mirror of the board for screen readers (an ARIA live region): one short sentence
 * per request and per result. Routine bookkeeping (ticks, stalls, line moves) is left out
 * so the live region is not flooded.
 */
import type { GameState, Request, SimEvent } from '../../../shared/sim/types';
import { callName, tidyNames } from './describe';
import { formatAddress, formatBytes } from './heap-grid';

export function narrate(events: SimEvent[], state: GameState): string[] {
  const out: string[] = [];
  for (const e of events) {
    const line = sentence(e, state);
    if (line) out.push(line);
  }
  return out;
}

function label(state: GameState, id: string): string {
  const obj = state.objects[id];
  return obj ? obj.label : id;
}

function sentence(e: SimEvent, state: GameState): string | null {
  const show = state.level.show;
  switch (e.type) {
    case 'request':
      return requestSentence(e.request, state);
    case 'frame-pushed':
      return `Pushed the frame of ${callName(e.fn)}; the stack is ${e.depth} ${e.depth === 1 ? 'frame' : 'frames'} deep.`;
    case 'frame-popped':
      return `Popped the frame of ${callName(e.fn)}; its local names are gone.`;
    case 'object-placed':
      return `Placed ${label(state, e.objectId)} at ${formatAddress(e.address)}.`;
    case 'objects-freed':
      return `Freed ${e.objectIds.length} ${e.objectIds.length === 1 ? 'object' : 'objects'}, ${formatBytes(e.bytes)} back on the heap.`;
    case 'bound':
      return `${e.name} now refers to ${label(state, e.objectId)}.`;
    case 'unbound':
      return `The name ${e.name} is gone.`;
    case 'reference-set':
      return `${label(state, e.from)} now holds a reference to ${label(state, e.to)}.`;
    case 'reference-dropped':
      return `${label(state, e.from)} no longer refers to ${label(state, e.to)}.`;
    case 'garbage':
      if (e.cycle && show.cycles)
        return `Unreachable cycle: ${e.objectIds.map((id) => label(state, id)).join(', ')}.`;
      if (!e.cycle && show.garbage)
        return `Garbage: ${e.objectIds.map((id) => label(state, id)).join(', ')}.`;
      return null;
    case 'answered':
      return `${e.correct ? 'Right.' : 'Not quite.'} ${tidyNames(e.explain)}`;
    case 'mistake':
      return `Mistake: ${tidyNames(e.message)}`;
    case 'raised':
      return e.unwound > 0
        ? `${e.error} raised; ${e.unwound} ${e.unwound === 1 ? 'frame' : 'frames'} unwound.`
        : `${e.error} raised.`;
    case 'say':
      return tidyNames(e.text);
    case 'crash':
      return `Crash: ${tidyNames(e.message)}`;
    case 'complete':
      return 'Level complete.';
    case 'timeout':
      return 'Time is up.';
    default:
      return null;
  }
}

function requestSentence(req: Request, state: GameState): string {
  switch (req.kind) {
    case 'push':
      return req.overflow
        ? `Line ${req.line} calls ${callName(req.fn)} with ${state.stack.length} of ${state.level.machine.recursionLimit} frames in use: push, or raise RecursionError?`
        : `Line ${req.line} calls ${callName(req.fn)}: push its frame.`;
    case 'pop':
      return `Line ${req.line}: ${callName(req.fn)} returns: pop its frame.`;
    case 'place': {
      const what = req.objectIds
        .map((id) => state.objects[id])
        .filter((o) => o && o.address === null)
        .map((o) => `${o!.label} (${formatBytes(o!.size)})`)
        .join(', ');
      return req.outOfMemory
        ? `Line ${req.line} needs room for ${what}, but no free run is big enough.`
        : `Line ${req.line} allocates: place ${what} on the heap.`;
    }
    case 'answer':
      return `Line ${req.line} asks: ${req.question} ${req.options.map((o, i) => `${i + 1}: ${o}.`).join(' ')}`;
  }
}
