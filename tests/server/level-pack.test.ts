import { describe, expect, test } from 'vitest';
import { LEVELS } from '../../levels';
import { PlayerGame, roundSetup } from '../../server/game/player-game';
import { generateRushLevel } from '../../shared/level/rush';
import type { Level } from '../../shared/level/schema';
import { bestAction, playLevel, score } from '../../shared/sim';

const pack: Level[] = Array.isArray(LEVELS) ? [...LEVELS] : Object.values(LEVELS as Record<string, Level>);

/** Plays a level the way the room does (round clock, capped time limit) with perfect moves. */
function playInRoom(level: Level, seed: number) {
  const game = PlayerGame.start(
    roundSetup(
      0,
      { kind: 'level', levelId: level.id, seconds: 600, seed },
      { kind: 'level', levelId: level.id },
      level,
    ),
    0,
  );
  let seq = 0;
  for (let tick = 0; tick < level.timeLimit && game.current.state.status === 'running'; tick++) {
    game.advanceTo(tick, Number.POSITIVE_INFINITY);
    for (let i = 0; i < 16; i++) {
      const action = bestAction(game.current.state);
      if (!action || game.current.state.status !== 'running') break;
      game.apply(action, ++seq, tick, Number.POSITIVE_INFINITY);
    }
  }
  return game;
}

describe('the level pack in rooms', () => {
  test.each(pack.map((level) => [level.id, level] as const))(
    '%s scores in a room as it does solo',
    (_id, level) => {
      const solo = playLevel(level, 5, bestAction);
      const game = playInRoom(level, 5);
      expect(game.current.state.status).toBe(solo.state.status);
      const rules = { speedBonus: true, multiplier: 1 as const };
      expect(game.best(rules).score.total).toBe(score(solo.state).total);
      expect(game.current.actions.map((a) => a.entry)).toEqual(solo.actions);
    },
  );

  test('the totals the reports use agree with the full scores, under every rule and attempt', () => {
    const level = pack[6]!;
    const game = playInRoom(level, 3);
    // A second attempt from the start, a few ticks in: a lower score than the first.
    game.restart(level.timeLimit);
    game.advanceTo(level.timeLimit + 20, Number.POSITIVE_INFINITY);
    expect(game.attempts).toHaveLength(2);
    for (const speedBonus of [true, false]) {
      for (const multiplier of [1, 1.5, 2, 'untimed'] as const) {
        const rules = { speedBonus, multiplier };
        for (const attempt of game.attempts)
          expect(game.total(attempt, rules), `${speedBonus} ${multiplier}`).toBe(
            game.score(attempt, rules).total,
          );
        expect(game.bestTotal(rules)).toBe(game.best(rules).score.total);
      }
    }
    expect(game.bestTotal({ speedBonus: true, multiplier: 1 })).toBeGreaterThan(
      game.total(game.current, { speedBonus: true, multiplier: 1 }),
    );
  });

  test('a rush level scores in a room as it does solo', () => {
    const level = generateRushLevel(77);
    const solo = playLevel(level, 5, bestAction);
    expect(playInRoom(level, 5).best({ speedBonus: true, multiplier: 1 }).score.total).toBe(
      score(solo.state).total,
    );
  });
});
