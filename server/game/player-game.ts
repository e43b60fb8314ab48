/**
 * One student's authoritative game in one round: every attempt (a restart after a crash
 * starts a new one), the actions applied to each, stamped with the server's tick. The
 * room's clock decides the time; this class never reads a clock itself.
 *
 * Ticks: a round tick counts from the round's start; an attempt's game tick counts from
 * the round tick at which the attempt began. A student's time runs out at `limitTick`
 * (a round tick; Infinity when untimed): the game is frozen there.
 */
import type { Level } from '../../shared/level/schema';
import type { LevelRef, RoundSpec } from '../../shared/protocol';
import { advance, apply, createGame, hash as stateHash } from '../../shared/sim';
import type { Action, GameState } from '../../shared/sim/types';
import type { AttemptRecord, LoggedAction } from '../store/types';
import { type RoomScore, roomScore, type ScoreRules } from './room-score';
import { runRecorded } from './run';

/** Games in a round have no time limit of their own: the round's clock ends them. */
export const ROUND_GAME_TIME_LIMIT = 1_000_000;

export interface RoundSetup {
  round: number;
  spec: RoundSpec;
  ref: LevelRef;
  /** The level as written: its time limit and stars are used for scoring. */
  level: Level;
  /** The level the games run: the same, with the round's clock in charge of time. */
  playLevel: Level;
  seed: number;
}

export function roundSetup(round: number, spec: RoundSpec, ref: LevelRef, level: Level): RoundSetup {
  return {
    round,
    spec,
    ref,
    level,
    playLevel: { ...level, timeLimit: ROUND_GAME_TIME_LIMIT },
    seed: spec.seed,
  };
}

export interface Attempt {
  record: AttemptRecord;
  state: GameState;
  actions: LoggedAction[];
}

export type ApplyOutcome =
  | { kind: 'over'; tick: number; hash: string }
  | {
      kind: 'applied';
      accepted: boolean;
      reason: string;
      tick: number;
      hash: string;
      /** Null when the action changed nothing (the simulator refused it without a penalty): nothing to log. */
      logged: LoggedAction | null;
    };

export class PlayerGame {
  readonly attempts: Attempt[] = [];
  lastSeq = 0;
  /** Scores and totals per state, by the rules in `scoredBy` (a student's rules rarely change). */
  private scores = new WeakMap<GameState, RoomScore>();
  private totals = new WeakMap<GameState, number>();
  private scoredBy = '';

  private constructor(readonly setup: RoundSetup) {}

  static start(setup: RoundSetup, startedAtTick: number): PlayerGame {
    const game = new PlayerGame(setup);
    game.attempts.push({
      record: { attempt: 0, startedAtTick, seed: setup.seed },
      state: createGame(setup.playLevel, setup.seed),
      actions: [],
    });
    return game;
  }

  /** Rebuilds a game from its stored attempts and action log, exactly as it was live. */
  static rebuild(
    setup: RoundSetup,
    records: readonly AttemptRecord[],
    log: readonly LoggedAction[],
    roundTick: number,
    limitTick: number,
  ): PlayerGame {
    const game = new PlayerGame(setup);
    const sorted = [...records].sort((a, b) => a.attempt - b.attempt);
    if (sorted.length === 0) sorted.push({ attempt: 0, startedAtTick: 0, seed: setup.seed });
    sorted.forEach((record, i) => {
      const next = sorted[i + 1];
      const endRoundTick = next ? next.startedAtTick : Math.min(roundTick, limitTick);
      const actions = log.filter((entry) => entry.attempt === record.attempt);
      const state = runRecorded(
        setup.playLevel,
        record.seed,
        actions.map((entry) => entry.entry),
        Math.max(0, endRoundTick - record.startedAtTick),
      );
      game.attempts.push({ record, state, actions });
    });
    for (const entry of log) game.lastSeq = Math.max(game.lastSeq, entry.seq);
    return game;
  }

  get current(): Attempt {
    const attempt = this.attempts[this.attempts.length - 1];
    if (!attempt) throw new Error('a game always has an attempt');
    return attempt;
  }

  advanceTo(roundTick: number, limitTick: number): void {
    const current = this.current;
    const target = Math.min(roundTick, limitTick) - current.record.startedAtTick;
    current.state = advance(current.state, target);
  }

  /** True when nothing more can happen in the current attempt (ended, or out of time). */
  isOver(roundTick: number, limitTick: number): boolean {
    return this.current.state.status !== 'running' || roundTick >= limitTick;
  }

  /** Whether the student is finished for this round: no more moves and no restart to come. */
  isDone(roundTick: number, limitTick: number): boolean {
    const status = this.current.state.status;
    return roundTick >= limitTick || status === 'complete' || status === 'timeout';
  }

  apply(action: Action, seq: number, roundTick: number, limitTick: number): ApplyOutcome {
    this.advanceTo(roundTick, limitTick);
    const current = this.current;
    if (this.isOver(roundTick, limitTick)) {
      return { kind: 'over', tick: current.state.tick, hash: stateHash(current.state) };
    }
    const tick = current.state.tick;
    const result = apply(current.state, action);
    const changed = result.state !== current.state;
    current.state = result.state;
    const logged: LoggedAction | null = changed
      ? { seq, attempt: current.record.attempt, entry: { tick, action } }
      : null;
    if (logged) current.actions.push(logged);
    this.lastSeq = seq;
    const reason = result.ok ? '' : result.reason;
    return { kind: 'applied', accepted: result.ok, reason, tick, hash: stateHash(current.state), logged };
  }

  /** A new attempt from the start of the level, with the time that is left. */
  restart(roundTick: number): AttemptRecord {
    const record: AttemptRecord = {
      attempt: this.current.record.attempt + 1,
      startedAtTick: roundTick,
      seed: this.setup.seed,
    };
    this.attempts.push({ record, state: createGame(this.setup.playLevel, this.setup.seed), actions: [] });
    return record;
  }

  /**
   * An attempt's total by the room's rules. The host's progress rows and the boards ask for
   * every student's totals several times a second; only the number is remembered per state,
   * so nothing else derived from a state outlives the report that needed it.
   */
  total(attempt: Attempt, rules: ScoreRules): number {
    this.scoreBy(rules);
    let total = this.totals.get(attempt.state);
    if (total === undefined) {
      total = roomScore(attempt.state, this.setup.level, rules).total;
      this.totals.set(attempt.state, total);
    }
    return total;
  }

  /** The best total of any attempt by the room's rules. */
  bestTotal(rules: ScoreRules): number {
    let best = Number.NEGATIVE_INFINITY;
    for (const attempt of this.attempts) best = Math.max(best, this.total(attempt, rules));
    return best;
  }

  score(attempt: Attempt, rules: ScoreRules): RoomScore {
    this.scoreBy(rules);
    let score = this.scores.get(attempt.state);
    if (score === undefined) {
      score = roomScore(attempt.state, this.setup.level, rules);
      this.scores.set(attempt.state, score);
    }
    return score;
  }

  /** Forgets what was scored by other rules (the speed bonus or the time multiplier changed). */
  private scoreBy(rules: ScoreRules): void {
    const key = `${rules.speedBonus}/${rules.multiplier}`;
    if (key === this.scoredBy) return;
    this.scores = new WeakMap();
    this.totals = new WeakMap();
    this.scoredBy = key;
  }

  /** The best attempt by the room's rules (the earliest among equals). */
  best(rules: ScoreRules): { attempt: Attempt; score: RoomScore } {
    let best = {
      attempt: this.attempts[0] as Attempt,
      score: this.score(this.attempts[0] as Attempt, rules),
    };
    for (const attempt of this.attempts.slice(1)) {
      const result = this.score(attempt, rules);
      if (result.total > best.score.total) best = { attempt, score: result };
    }
    return best;
  }

  get crashes(): number {
    return this.attempts.filter((attempt) => attempt.state.status === 'crashed').length;
  }

  get attemptRecords(): AttemptRecord[] {
    return this.attempts.map((attempt) => attempt.record);
  }
}
