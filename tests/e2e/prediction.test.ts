/**
 * The client's prediction against the server's own game logic, without a browser: actions
 * shown at once, acknowledged later at the server's tick (as over a real network), and a
 * copy that went astray put right from a snapshot with the unacknowledged actions kept.
 */
import { describe, expect, test } from 'vitest';
import { Prediction } from '../../client/src/net/prediction';
import { LEVELS } from '../../levels';
import { PlayerGame, roundSetup } from '../../server/game/player-game';
import type { Level } from '../../shared/level/schema';
import { apply, bestAction, hash, step } from '../../shared/sim';
import type { Action, GameState } from '../../shared/sim/types';

const sim = { step, apply, hash };
const level = (Object.values(LEVELS) as Level[]).sort((a, b) => a.order - b.order)[2] as Level;

function server(): { game: PlayerGame; state: () => GameState } {
  const setup = roundSetup(
    0,
    { kind: 'level', levelId: level.id, seconds: 600, seed: 7 },
    { kind: 'level', levelId: level.id },
    level,
  );
  const game = PlayerGame.start(setup, 0);
  return { game, state: () => game.current.state };
}

describe('client prediction', () => {
  test('actions acknowledged a few ticks late are confirmed, and the prediction stays on the server state', () => {
    const { game, state } = server();
    const client = new Prediction(sim, state());
    let seq = 0;
    let confirmed = 0;
    for (let tick = 0; tick < 2_000 && client.predicted.status === 'running'; tick++) {
      client.advanceTo(tick);
      const action = bestAction(client.predicted);
      if (!action) continue;
      seq++;
      const shown = client.act(action, seq);
      expect(shown.ok).toBe(true);
      // The message takes two ticks to reach the server, which stamps it with its own tick.
      const outcome = game.apply(action, seq, tick + 2, Number.POSITIVE_INFINITY);
      if (outcome.kind !== 'applied') throw new Error('the game ended early');
      expect(
        client.ack({ seq, accepted: outcome.accepted, tick: outcome.tick, hash: outcome.hash } as never),
      ).toBe('confirmed');
      confirmed++;
      expect(client.pendingCount).toBe(0);
      // What the player sees is the server's state brought to the same tick.
      game.advanceTo(client.predicted.tick, Number.POSITIVE_INFINITY);
      expect(hash(client.predicted)).toBe(hash(state()));
    }
    expect(client.predicted.status).toBe('complete');
    expect(confirmed).toBeGreaterThan(3);
  });

  test('a mismatch is put right from the snapshot, keeping actions the server has not seen yet', () => {
    const { game, state } = server();
    const client = new Prediction(sim, state());
    // Play until the first request, then let the client and the server disagree about it.
    let tick = 0;
    while (!bestAction(client.predicted)) client.advanceTo(++tick);
    const right = bestAction(client.predicted) as Action;
    expect(client.act(right, 1).ok).toBe(true);
    // The server received something else under seq 1 (say, an older build's bug).
    const wrong: Action = { type: 'pop' };
    const outcome = game.apply(wrong, 1, tick, Number.POSITIVE_INFINITY);
    if (outcome.kind !== 'applied') throw new Error('the game ended early');
    // Seq 2 is shown before the ack of seq 1 arrives.
    const next = bestAction(client.predicted);
    if (next) client.act(next, 2);
    expect(
      client.ack({ seq: 1, accepted: outcome.accepted, tick: outcome.tick, hash: outcome.hash } as never),
    ).toBe('mismatch');
    // The snapshot: the server's state, which has logged seq 1 only.
    client.reset(state(), 1);
    expect(client.pendingCount).toBe(next ? 1 : 0);
    const expected = next ? apply(state(), next).state : state();
    expect(hash(client.predicted)).toBe(hash(expected));
  });
});
