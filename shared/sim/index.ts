/** The simulator's public surface: the server, the client and the tools import only this. */
export { advance } from './advance';
export { apply } from './apply';
export {
  type AutoplayerOptions,
  bestAction,
  bestFitAction,
  createAutoplayer,
  type Player,
} from './autoplayer';
export { createGame } from './create-game';
export { currentOp } from './cursors';
export { ADDRESS_BASE, explainAction, formatAddress } from './explain';
export { hash } from './hash';
export { CELL_BYTES, freeRuns, spanOf } from './heap';
export { type LevelWarning, lintLevel } from './lint';
export { ActionSchema, type ParseActionResult, parseAction } from './parse-action';
export { progress } from './progress';
export {
  CALIBRATION_SEEDS,
  createHumanlikePlayer,
  FRAGMENTER,
  type HumanlikeOptions,
  PERFECT,
  REFERENCE_PLAYERS,
} from './reference-players';
export { garbage, pathFromRoot, reachable, refcounts } from './references';
export { type PlayOptions, playLevel, replay } from './replay';
export { score } from './score';
export { step, TICKS_PER_SECOND } from './step';
export type {
  Action,
  ApplyResult,
  CrashKind,
  Cursor,
  ErrorName,
  Frame,
  GameState,
  ObjectKind,
  Request,
  ScoreBreakdown,
  SimEvent,
  SimObject,
  Status,
  StepResult,
  Tally,
  TimedAction,
} from './types';
