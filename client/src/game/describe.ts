/**
 * Words for what the board shows: the pending request, crash cards, stars within reach.
 * Pure functions of the state; the board draws whatever they return.
 */
import type { CrashKind, GameState, Request, SimObject } from '../../../shared/sim/types';
import { formatBytes } from './heap-grid';

export interface RequestText {
  /** The big line: what to do now. */
  title: string;
  /** The small line under it: why, and from which line of the source. */
  detail: string;
}

/**
 * A frame's name as Python's traceback prints it: `f()` for a function, but `<module>`
 * alone, since the module is not a call.
 */
export function callName(fn: string): string {
  return fn === '<module>' ? fn : `${fn}()`;
}

/** Text from the simulator, with the module frame named as Python names it (no call parentheses). */
export function tidyNames(text: string): string {
  return text.replaceAll('<module>()', '<module>');
}

export function objectName(obj: SimObject | undefined): string {
  if (!obj) return 'an object';
  return `${obj.label} (${formatBytes(obj.size)})`;
}

/** The objects a place request still waits for, in the request's order. */
export function pendingObjects(state: GameState): SimObject[] {
  const req = state.request;
  if (req?.kind !== 'place') return [];
  return req.objectIds
    .map((id) => state.objects[id])
    .filter((o): o is SimObject => o !== undefined && o.address === null);
}

export function describeRequest(state: GameState, picked?: string | null): RequestText {
  const req = state.request;
  if (!req) return idleText(state);
  return requestText(state, req, picked ?? null);
}

function requestText(state: GameState, req: Request, picked: string | null): RequestText {
  const { recursionLimit } = state.level.machine;
  switch (req.kind) {
    case 'push': {
      const bytes = state.level.functions[req.fn]?.frameBytes;
      if (req.overflow) {
        return {
          title: 'raise RecursionError?',
          detail: `line ${req.line} calls ${callName(req.fn)} with ${state.stack.length} of ${recursionLimit} frames in use`,
        };
      }
      return {
        title: `push frame ${callName(req.fn)}`,
        detail: `line ${req.line} calls ${callName(req.fn)}${bytes ? ` · its frame takes ${formatBytes(bytes)}` : ''}`,
      };
    }
    case 'pop':
      return {
        title: `pop frame ${callName(req.fn)}`,
        detail: `line ${req.line}: ${callName(req.fn)} returns`,
      };
    case 'answer':
      return { title: `answer: ${req.question}`, detail: `line ${req.line} · press 1–${req.options.length}` };
    case 'place': {
      const pending = pendingObjects(state);
      const obj = pending.find((o) => o.id === picked) ?? pending[0];
      if (req.outOfMemory) {
        return {
          title: 'raise MemoryError?',
          detail: `line ${req.line}: ${objectName(obj)} needs a free run of cells`,
        };
      }
      const more = pending.length > 1 ? ` · ${pending.length - 1} more after it` : '';
      return {
        title: `place ${objectName(obj)}`,
        detail: `line ${req.line} allocates · ${obj ? Math.ceil(obj.size / 8) : 0} cells${more}`,
      };
    }
  }
}

function idleText(state: GameState): RequestText {
  switch (state.status) {
    case 'complete':
      return { title: 'level complete', detail: 'the program has finished' };
    case 'crashed':
      return { title: 'crashed', detail: state.crash?.message ?? '' };
    case 'timeout':
      return { title: 'time is up', detail: 'the program did not finish in time' };
    default:
      if (state.tick === 0 && state.program.line <= 0)
        return { title: 'ready', detail: 'the program starts when you do' };
      return {
        title: state.program.done ? 'the program has finished' : 'running…',
        detail: `line ${state.program.line} runs by itself`,
      };
  }
}

export interface CrashText {
  title: string;
  /** One plain line saying what the crash means. */
  why: string;
}

export const CRASH_TEXT: Record<CrashKind, CrashText> = {
  'stack-overflow': {
    title: 'Segmentation fault: stack overflow',
    why: 'A frame was pushed that did not fit in the stack. At the limit, raise RecursionError instead.',
  },
  'dangling-pointer': {
    title: 'Dangling pointer',
    why: 'An object was freed while something could still reach it, so the program would read freed memory.',
  },
  'memory-error': {
    title: 'MemoryError',
    why: 'An object fitted in no free run of cells and nothing was left to free.',
  },
  'recursion-error': {
    title: 'RecursionError',
    why: 'The recursion went deeper than the limit and nothing caught the error.',
  },
};

/** "Dangling pointer: x was still in use" under the title "Dangling pointer" loses its echo. */
export function withoutTitle(message: string, title: string): string {
  const colon = message.indexOf(': ');
  if (colon < 0) return message;
  const head = message.slice(0, colon).toLowerCase();
  if (!title.toLowerCase().includes(head)) return message;
  const rest = message.slice(colon + 2);
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

export interface StarsInReach {
  stars: 0 | 1 | 2 | 3;
  /** Score needed for the next star, or null when all three are won. */
  next: number | null;
}

export function starsInReach(total: number, thresholds: readonly [number, number, number]): StarsInReach {
  const stars = thresholds.filter((t) => total >= t).length as 0 | 1 | 2 | 3;
  return { stars, next: stars < 3 ? thresholds[stars as 0 | 1 | 2] : null };
}

/** Digits the header keeps room for: four, or more once a score outgrows them. */
export function scoreDigits(total: number): number {
  return Math.max(4, String(Math.max(0, Math.floor(total))).length);
}

export function starString(stars: number): string {
  return '★'.repeat(stars) + '☆'.repeat(Math.max(0, 3 - stars));
}

export function clockText(secondsLeft: number | null): string {
  if (secondsLeft === null) return '';
  const s = Math.max(0, Math.floor(secondsLeft));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
