/**
 * A narrated demonstration in the terminal: the autoplayer plays a level from the pack and
 * each step prints the source line, what the program asks for, the action and why.
 *
 *   npm run demo                 the lesson's call stack (level 1)
 *   npm run demo -- 13           a level by its place in the lesson, or by id (reference-cycle)
 */
import { LEVELS } from '../levels';
import type { Level } from './level/schema';
import {
  apply,
  bestAction,
  createGame,
  explainAction,
  formatAddress,
  type GameState,
  type Request,
  type SimEvent,
  score,
  step,
} from './sim';

const SEED = 1;
const MAX_ACTIONS_PER_TICK = 16;

function describeRequest(state: GameState, r: Request): string {
  switch (r.kind) {
    case 'push':
      return r.overflow ? `call ${r.fn}() — but the stack is at its limit` : `push a frame for ${r.fn}()`;
    case 'pop':
      return `pop ${r.fn}()'s frame`;
    case 'place': {
      const what = r.objectIds.map(
        (id) => `${state.objects[id]?.label ?? id} (${state.objects[id]?.size ?? '?'} B)`,
      );
      const verb = r.resize ? 'move' : 'place';
      return `${verb} ${what.join(', ')}${r.outOfMemory ? ' — but no free run is big enough' : ''}`;
    }
    case 'answer':
      return `answer: ${r.question} [${r.options.join(' | ')}]`;
  }
}

/** Events worth a line of their own in the narration. */
function describeEvent(e: SimEvent): string | null {
  switch (e.type) {
    case 'say':
      return `program says: ${e.text}`;
    case 'garbage':
      return `garbage appeared: ${e.objectIds.join(', ')}${e.cycle ? ' (an unreachable cycle)' : ''}`;
    case 'raised':
      return `${e.error} raised, ${e.unwound} frame(s) unwound`;
    case 'object-placed':
      return `placed ${e.objectId} at ${formatAddress(e.address)}`;
    case 'answered':
      return `${e.correct ? 'right' : 'wrong'}: ${e.explain}`;
    case 'crash':
      return `CRASH: ${e.message}`;
    default:
      return null;
  }
}

function sourceLine(level: Level, line: number): string {
  return (level.source[line - 1] ?? '').trim();
}

export function runDemo(level: Level, print: (text: string) => void): GameState {
  print(`Memory Arena demonstration: "${level.title}" (${level.id}), seed ${SEED}`);
  for (const paragraph of level.intro) print(`  ${paragraph}`);
  print('');
  let state = createGame(level, SEED);
  let lastLine = 0;
  while (state.status === 'running') {
    for (let i = 0; i < MAX_ACTIONS_PER_TICK && state.status === 'running'; i++) {
      const action = bestAction(state);
      if (!action) break;
      const line = state.request?.line ?? state.program.line;
      if (line !== lastLine && line > 0) {
        print(
          `t=${String(state.tick).padStart(4)}  line ${String(line).padStart(3)}  ${sourceLine(level, line)}`,
        );
        lastLine = line;
      }
      if (state.request) print(`        request: ${describeRequest(state, state.request)}`);
      print(`        action:  ${JSON.stringify(action)}`);
      print(`                 ${explainAction(state, action)}`);
      const result = apply(state, action);
      for (const e of result.events) {
        const text = describeEvent(e);
        if (text && e.type !== 'object-placed') print(`                 (${text})`);
      }
      state = result.state;
    }
    if (state.status !== 'running') break;
    const result = step(state);
    for (const e of result.events) {
      if (e.type === 'line') {
        print(
          `t=${String(result.state.tick).padStart(4)}  line ${String(e.line).padStart(3)}  ${sourceLine(level, e.line)}`,
        );
        lastLine = e.line;
        continue;
      }
      const text = describeEvent(e);
      if (text) print(`                 (${text})`);
    }
    state = result.state;
  }
  const s = score(state);
  print('');
  print(`Result: ${state.status} at tick ${state.tick}${state.crash ? ` (${state.crash.message})` : ''}`);
  print(
    `Score: ${s.total}  ${'★'.repeat(s.stars)}${'☆'.repeat(3 - s.stars)}  ` +
      `(serviced ${s.serviced}, speed ${s.speed}, mistakes ${s.mistakes}, rejections ${s.rejections}, ` +
      `stalls ${s.stalls}, leak ${s.leak}, completion ${s.completion})`,
  );
  for (const paragraph of level.outro) print(`  ${paragraph}`);
  return state;
}

/** The level named on the command line (its place in the lesson or its id), else the first. */
function chosenLevel(): Level {
  const arg = (globalThis as { process?: { argv?: string[] } }).process?.argv?.[2];
  const byOrder = arg && /^\d+$/.test(arg) ? LEVELS[Number(arg) - 1] : undefined;
  return byOrder ?? LEVELS.find((level) => level.id === arg) ?? LEVELS[0]!;
}

runDemo(chosenLevel(), (text) => console.log(text));
