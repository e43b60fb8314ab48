/**
 * A student played by the autoplayer over a real socket: it asks for a snapshot, picks a
 * move for that state, sends it with the next sequence number, and waits for the ack.
 */

import { generateRushLevel } from '../../../shared/level/rush';
import type { Level } from '../../../shared/level/schema';
import type { JoinedView, ResumedView, SnapshotView } from '../../../shared/protocol';
import { ClientEvent as E, PROTOCOL_VERSION } from '../../../shared/protocol';
import { bestAction, type Player } from '../../../shared/sim';
import type { GameState } from '../../../shared/sim/types';
import { TestClient } from './socket-client';
import { CALL_STACK } from './test-levels';

export function levelOf(snapshot: SnapshotView): Level {
  const base = snapshot.level.kind === 'rush' ? generateRushLevel(snapshot.level.rushSeed) : CALL_STACK;
  return { ...base, timeLimit: snapshot.timeLimit };
}

export function stateOf(snapshot: SnapshotView): GameState {
  return { ...snapshot.state, level: levelOf(snapshot) } as GameState;
}

export class Bot {
  seq = 0;
  acked = 0;
  joined: JoinedView | null = null;
  client: TestClient;

  constructor(
    readonly url: string,
    readonly player: Player = bestAction,
  ) {
    this.client = new TestClient(url);
  }

  get playerId(): string {
    if (!this.joined) throw new Error('not joined');
    return this.joined.you.playerId;
  }

  async join(code: string): Promise<JoinedView> {
    await this.client.connected();
    this.joined = await this.client.ok(E.Join, { protocol: PROTOCOL_VERSION, code });
    return this.joined;
  }

  /** A new connection, back in the seat with the resume token. */
  async resume(code: string): Promise<ResumedView> {
    if (!this.joined) throw new Error('not joined');
    this.client.close();
    this.client = new TestClient(this.url);
    await this.client.connected();
    const resumed = await this.client.ok(E.Resume, {
      protocol: PROTOCOL_VERSION,
      code,
      resumeToken: this.joined.resumeToken,
      lastSeq: this.acked,
    });
    this.seq = resumed.lastSeq;
    return resumed;
  }

  /** One move if the player wants one; returns the game's status. */
  async move(): Promise<GameState['status'] | 'no-game'> {
    const reply = await this.client.request(E.Snapshot, {});
    if (!reply.ok) return 'no-game';
    const state = stateOf(reply.data);
    if (state.status !== 'running') return state.status;
    const action = this.player(state);
    if (action) {
      this.seq++;
      const ack = await this.client.ok(E.Action, { seq: this.seq, action, tick: state.tick });
      if (ack.accepted || ack.code === 'rejected') this.acked = ack.seq;
    }
    return state.status;
  }

  /** Plays until the game ends, the round stops, or `ms` pass. */
  async play(ms: number, pauseMs = 60): Promise<GameState['status'] | 'no-game'> {
    const until = Date.now() + ms;
    let status: GameState['status'] | 'no-game' = 'running';
    while (Date.now() < until) {
      status = await this.move();
      if (status !== 'running') return status;
      await new Promise((r) => setTimeout(r, pauseMs));
    }
    return status;
  }
}
