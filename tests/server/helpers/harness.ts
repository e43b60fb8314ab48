/**
 * A room service with a real memory store, a recording outbox and a hand-driven clock:
 * tests send parsed payloads exactly as the transport would and move time themselves.
 */
import { expect } from 'vitest';
import { createLevelCatalog, type LevelCatalog } from '../../../server/game/level-catalog';
import { type RoomServiceConfig, silentLogger } from '../../../server/rooms/ports';
import { type MessageContext, RoomService, type Session } from '../../../server/rooms/room-service';
import { SoloService } from '../../../server/solo/solo-service';
import { MemoryRoomStore } from '../../../server/store/memory-store';
import type { RoomStore } from '../../../server/store/types';
import type { Level } from '../../../shared/level/schema';
import type {
  ClientEvent,
  ClientPayload,
  ClientReply,
  CreatedRoomView,
  JoinedView,
  Reply,
  SnapshotView,
} from '../../../shared/protocol';
import {
  ClientPayloadSchemas,
  ClientEvent as E,
  ErrorCode,
  PROTOCOL_VERSION,
} from '../../../shared/protocol';
import { bestAction } from '../../../shared/sim';
import type { Action, GameState } from '../../../shared/sim/types';
import { RecordingOutbox } from './recording-outbox';
import { CALL_STACK } from './test-levels';

export const TEST_CONFIG: RoomServiceConfig = {
  tickHz: 10,
  progressIntervalMs: 400,
  studentBoardIntervalMs: 3000,
  watchIntervalMs: 250,
  actionRatePerSecond: 20,
  idleRoomMs: 60 * 60 * 1000,
};

export const START = 1_700_000_000_000;

export class Client {
  session: Session = { role: 'none' };
  seq = 0;
  constructor(
    private readonly harness: Harness,
    readonly address = '10.0.0.1',
  ) {}

  get ctx(): MessageContext {
    return { session: this.session, address: this.address };
  }

  /** Sends through the schema, as the transport does, and keeps the new session. */
  async send<K extends ClientEvent>(event: K, payload: unknown): Promise<Reply<ClientReply<K>>> {
    const parsed = ClientPayloadSchemas[event].safeParse(payload);
    if (!parsed.success)
      return { ok: false, error: { code: ErrorCode.BadPayload, message: parsed.error.message } };
    const handled = await this.harness.service.handleMessage(
      this.ctx,
      event,
      parsed.data as ClientPayload<K>,
    );
    if (handled.session) this.session = handled.session;
    handled.afterOpen?.();
    return handled.reply;
  }

  /** Sends and expects success. */
  async ok<K extends ClientEvent>(event: K, payload: unknown = {}): Promise<ClientReply<K>> {
    const reply = await this.send(event, payload);
    if (!reply.ok) throw new Error(`${event} refused: ${reply.error.code} ${reply.error.message}`);
    return reply.data;
  }

  async fails<K extends ClientEvent>(event: K, payload: unknown, code: string): Promise<void> {
    const reply = await this.send(event, payload);
    expect(reply.ok, `${event} should fail with ${code}`).toBe(false);
    if (!reply.ok) expect(reply.error.code).toBe(code);
  }

  act(action: Action, tick?: number) {
    this.seq++;
    return this.ok(
      E.Action,
      tick === undefined ? { seq: this.seq, action } : { seq: this.seq, action, tick },
    );
  }

  get playerId(): string {
    if (this.session.role !== 'player') throw new Error('not a player');
    return this.session.playerId;
  }
}

export class Harness {
  now = START;
  readonly outbox = new RecordingOutbox();
  readonly store: RoomStore;
  readonly catalog: LevelCatalog;
  readonly service: RoomService;

  constructor(options: { store?: RoomStore; levels?: Level[]; config?: Partial<RoomServiceConfig> } = {}) {
    this.store = options.store ?? new MemoryRoomStore({ ttlSeconds: 3600 });
    this.catalog = createLevelCatalog(options.levels ?? [CALL_STACK]);
    const solo = new SoloService({
      store: this.store,
      catalog: this.catalog,
      logger: silentLogger,
      now: () => this.now,
    });
    this.service = new RoomService({
      store: this.store,
      outbox: this.outbox,
      catalog: this.catalog,
      config: { ...TEST_CONFIG, ...options.config },
      logger: silentLogger,
      solo,
      now: () => this.now,
    });
  }

  client(address?: string): Client {
    return new Client(this, address);
  }

  async host(payload: Record<string, unknown> = {}): Promise<{ host: Client; created: CreatedRoomView }> {
    const host = this.client('10.0.0.100');
    const created = await host.ok(E.CreateRoom, {
      protocol: PROTOCOL_VERSION,
      playlist: [{ kind: 'level', levelId: CALL_STACK.id, seconds: 60, seed: 1 }],
      ...payload,
    });
    return { host, created };
  }

  async join(code: string, nickname?: string): Promise<{ student: Client; joined: JoinedView }> {
    const student = this.client();
    const payload =
      nickname === undefined
        ? { protocol: PROTOCOL_VERSION, code }
        : { protocol: PROTOCOL_VERSION, code, nickname };
    const joined = await student.ok(E.Join, payload);
    return { student, joined };
  }

  /** Moves the clock in 100 ms ticks, running the service's ticker each time. */
  async advance(ms: number): Promise<void> {
    const target = this.now + ms;
    while (this.now < target) {
      this.now = Math.min(target, this.now + 100);
      this.service.tick(this.now);
    }
    await this.settle();
  }

  /** Lets queued commands and log writes finish. */
  async settle(): Promise<void> {
    for (const room of this.service.rooms.values()) {
      await room.queue.idle();
      await room.log.drain();
    }
  }

  level(snapshot: SnapshotView): Level {
    const base =
      snapshot.level.kind === 'level'
        ? this.catalog.byId(snapshot.level.levelId)
        : this.catalog.rush(snapshot.level.rushSeed);
    if (!base) throw new Error('unknown level');
    return { ...base, timeLimit: snapshot.timeLimit };
  }

  state(snapshot: SnapshotView): GameState {
    return { ...snapshot.state, level: this.level(snapshot) } as GameState;
  }

  /** Plays one perfect move for a student if there is one, from a fresh snapshot. */
  async playBest(student: Client): Promise<boolean> {
    const snapshot = await student.ok(E.Snapshot);
    const action = bestAction(this.state(snapshot));
    if (!action) return false;
    const ack = await student.act(action);
    expect(ack.accepted, JSON.stringify(ack)).toBe(true);
    return true;
  }
}
