import type { Server } from 'socket.io';
import type { Socket } from 'socket.io-client';
import { describe, expect, expectTypeOf, test } from 'vitest';
import {
  ClientEvent,
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

  test('the four maps type a Socket.IO server and client', () => {
    type S = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
    type C = Socket<ServerToClientEvents, ClientToServerEvents>;
    expectTypeOf<Parameters<ClientToServerEvents['game:action']>[0]>().toHaveProperty('seq');
    expectTypeOf<Parameters<ServerToClientEvents['room:state']>[0]>().toHaveProperty('phase');
    expectTypeOf<S>().not.toBeAny();
    expectTypeOf<C>().not.toBeAny();
  });
});
