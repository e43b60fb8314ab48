import fc from 'fast-check';
import type { Server } from 'socket.io';
import type { Socket } from 'socket.io-client';
import { describe, expect, expectTypeOf, test } from 'vitest';
import {
  ClientEvent,
  ClientPayloadFastParsers,
  ClientPayloadSchemas,
  type ClientToServerEvents,
  type InterServerEvents,
  JOIN_CODE_ALPHABET,
  JoinCode,
  PROTOCOL_VERSION,
  type ServerToClientEvents,
  type SocketData,
  Token,
} from '../../shared/protocol';

describe('protocol', () => {
  test('every client event has a payload schema', () => {
    for (const event of Object.values(ClientEvent)) {
      expect(ClientPayloadSchemas[event], event).toBeDefined();
    }
    expect(Object.keys(ClientPayloadSchemas).sort()).toEqual(Object.values(ClientEvent).sort());
  });

  test('join codes are normalised and checked against the alphabet', () => {
    expect(JoinCode.parse(' abcdef ')).toBe('ABCDEF');
    expect(JoinCode.safeParse('ABCDE0').success).toBe(false);
    expect(JoinCode.safeParse('ABCDEFG').success).toBe(false);
    for (const ambiguous of ['0', 'O', '1', 'I', 'L', 'U', 'V']) {
      expect(JOIN_CODE_ALPHABET.includes(ambiguous), ambiguous).toBe(false);
    }
  });

  test('tokens are 22 base64url characters', () => {
    expect(Token.safeParse('A'.repeat(22)).success).toBe(true);
    expect(Token.safeParse('A'.repeat(21)).success).toBe(false);
    expect(Token.safeParse(`${'A'.repeat(21)}=`).success).toBe(false);
  });

  test('strict payloads refuse unknown fields, wrong types and missing fields', () => {
    const action = ClientPayloadSchemas[ClientEvent.Action];
    expect(action.safeParse({ seq: 1, action: { type: 'pop' } }).success).toBe(true);
    expect(action.safeParse({ seq: 1, action: { type: 'pop' }, score: 9999 }).success).toBe(false);
    expect(action.safeParse({ seq: 0, action: { type: 'pop' } }).success).toBe(false);
    expect(action.safeParse({ seq: 1, action: { type: 'teleport' } }).success).toBe(false);
    expect(action.safeParse({ seq: '1', action: { type: 'pop' } }).success).toBe(false);
    expect(action.safeParse(null).success).toBe(false);
    const join = ClientPayloadSchemas[ClientEvent.Join];
    expect(join.safeParse({ protocol: PROTOCOL_VERSION, code: 'ABCDEF' }).success).toBe(true);
    expect(join.safeParse({ code: 'ABCDEF' }).success).toBe(false);
    expect(ClientPayloadSchemas[ClientEvent.ExtendRound].safeParse({ seconds: -5 }).success).toBe(false);
    expect(ClientPayloadSchemas[ClientEvent.StartRound].safeParse({ hostToken: 'x' }).success).toBe(false);
  });

  test('the hand-written action check gives what the schema gives, or leaves the payload to it', () => {
    const fast = ClientPayloadFastParsers[ClientEvent.Action]!;
    const schema = ClientPayloadSchemas[ClientEvent.Action];
    const action = fc.oneof(
      fc.record({ type: fc.constant('pop') }),
      fc.record({ type: fc.constant('push'), fn: fc.oneof(fc.string({ maxLength: 45 }), fc.integer()) }),
      fc.record(
        {
          type: fc.constant('place'),
          objectId: fc.string({ maxLength: 125 }),
          address: fc.oneof(fc.integer({ min: -10, max: 1 << 25 }), fc.double()),
        },
        { requiredKeys: ['type'] },
      ),
      fc.record({
        type: fc.constant('free'),
        objectIds: fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 }),
      }),
      fc.record({
        type: fc.constantFrom('raise', 'answer', 'jump'),
        error: fc.string(),
        option: fc.integer(),
      }),
      fc.anything(),
    );
    const number = fc.oneof(
      fc.integer({ min: -3, max: 1_000_003 }),
      fc.constantFrom(
        Number.MAX_SAFE_INTEGER,
        Number.MAX_SAFE_INTEGER + 2,
        0.5,
        Number.NaN,
        Number.POSITIVE_INFINITY,
      ),
      fc.double(),
      fc.string({ maxLength: 3 }),
      fc.constant(undefined),
    );
    const payload = fc.record(
      { seq: number, action, tick: number, score: fc.anything() },
      { requiredKeys: [] },
    );
    const nearlyValid = fc.record(
      {
        // Mostly valid, with the edges on both sides of every bound.
        seq: fc.oneof(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: -1, max: 2 })),
        action: fc.oneof(
          fc.record({ type: fc.constant('pop') }),
          fc.record({
            type: fc.constant('place'),
            objectId: fc.string({ minLength: 1 }),
            address: fc.nat(4096),
          }),
          fc.record({
            type: fc.constant('free'),
            objectIds: fc.array(fc.string({ minLength: 1 }), { minLength: 1 }),
          }),
        ),
        tick: fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.constantFrom(-1, 0, 1_000_000, 1_000_001)),
      },
      { requiredKeys: ['seq', 'action'] },
    );
    let taken = 0;
    fc.assert(
      fc.property(fc.oneof(nearlyValid, payload, payload, fc.anything()), (input) => {
        const mine = fast(input);
        const zod = schema.safeParse(input);
        if (mine !== undefined) {
          taken++;
          expect(zod.success).toBe(true);
          expect(mine).toStrictEqual(zod.data);
        }
        if (!zod.success) expect(mine).toBeUndefined();
      }),
      {
        numRuns: 5000,
        examples: [
          [{ seq: 1, action: { type: 'pop' }, tick: undefined }],
          [{ seq: 0, action: { type: 'pop' } }],
          [{ seq: 1, action: { type: 'pop' }, tick: 1_000_001 }],
          [{ seq: 1, action: { type: 'pop' }, tick: -1 }],
          [{ seq: 1.5, action: { type: 'pop' } }],
          [{ seq: 1, action: { type: 'place', objectId: 'a', address: 4 } }],
        ],
      },
    );
    // The check must really take the plain payloads, not leave everything to the schema.
    expect(taken).toBeGreaterThan(100);
    expect(fast({ seq: 3, action: { type: 'place', objectId: 'a', address: 8 }, tick: 12 })).toStrictEqual({
      seq: 3,
      action: { type: 'place', objectId: 'a', address: 8 },
      tick: 12,
    });
    expect(fast({ seq: 3, action: { type: 'pop' }, tick: 12, score: 1 })).toBeUndefined();
  });

  test('the four maps type a Socket.IO server and client', () => {
    type S = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
    type C = Socket<ServerToClientEvents, ClientToServerEvents>;
    expectTypeOf<Parameters<ClientToServerEvents['game:action']>[0]>().toHaveProperty('seq');
    expectTypeOf<Parameters<ServerToClientEvents['room:state']>[0]>().toHaveProperty('phase');
    expectTypeOf<S>().not.toBeAny();
    expectTypeOf<C>().not.toBeAny();
  });
});
