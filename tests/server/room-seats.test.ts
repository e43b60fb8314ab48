import { describe, expect, test } from 'vitest';
import { isGeneratedNickname } from '../../server/rooms/nicknames';
import { ClientEvent as E, ErrorCode, HostEvent, PROTOCOL_VERSION } from '../../shared/protocol';
import { Harness } from './helpers/harness';

describe('rooms and seats', () => {
  test('a room gets a join code and a host token; only the token’s hash is stored', async () => {
    const h = new Harness();
    const { created } = await h.host();
    expect(created.code).toMatch(/^[A-Z2-9]{6}$/);
    expect(created.hostToken).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const stored = await h.store.getRoom(created.code);
    expect(JSON.stringify(stored)).not.toContain(created.hostToken);
    expect(created.room.state.phase).toBe('lobby');
    expect(created.room.playlist[0]).toMatchObject({
      kind: 'level',
      levelId: 'test-call-stack',
      seconds: 60,
      seed: 1,
    });
  });

  test('the host re-attaches with the token; a wrong token is refused', async () => {
    const h = new Harness();
    const { created } = await h.host();
    const projector = h.client();
    const view = await projector.ok(E.Attach, {
      protocol: PROTOCOL_VERSION,
      code: created.code,
      hostToken: created.hostToken,
    });
    expect(view.code).toBe(created.code);
    await h
      .client()
      .fails(
        E.Attach,
        { protocol: PROTOCOL_VERSION, code: created.code, hostToken: 'A'.repeat(22) },
        ErrorCode.BadToken,
      );
    await h.client().fails(E.Join, { protocol: 999, code: created.code }, ErrorCode.ProtocolMismatch);
    await h.client().fails(E.Join, { protocol: PROTOCOL_VERSION, code: 'ZZZZZZ' }, ErrorCode.RoomNotFound);
  });

  test('students get generated names, may re-roll, and pick free text only when allowed', async () => {
    const h = new Harness();
    const { host, created } = await h.host();
    const { joined } = await h.join(created.code);
    expect(isGeneratedNickname(joined.you.nickname)).toBe(true);
    expect(joined.resumeToken).toMatch(/^[A-Za-z0-9_-]{22}$/);

    const suggestion = await h.client().ok(E.SuggestName, { code: created.code.toLowerCase() });
    expect(isGeneratedNickname(suggestion.nickname)).toBe(true);
    const { joined: chosen } = await h.join(created.code, suggestion.nickname);
    expect(chosen.you.nickname).toBe(suggestion.nickname);

    await h
      .client()
      .fails(
        E.Join,
        { protocol: PROTOCOL_VERSION, code: created.code, nickname: 'Ada' },
        ErrorCode.NicknameNotAllowed,
      );
    await host.ok(E.Settings, { freeTextNicknames: true });
    const { joined: ada } = await h.join(created.code, '  Ada  ');
    expect(ada.you.nickname).toBe('Ada');
    await h
      .client()
      .fails(
        E.Join,
        { protocol: PROTOCOL_VERSION, code: created.code, nickname: 'ADA' },
        ErrorCode.NicknameTaken,
      );
    await h
      .client()
      .fails(
        E.Join,
        { protocol: PROTOCOL_VERSION, code: created.code, nickname: 'sh1thead' },
        ErrorCode.NicknameInvalid,
      );
    await h
      .client()
      .fails(
        E.Join,
        { protocol: PROTOCOL_VERSION, code: created.code, nickname: 'x'.repeat(21) },
        ErrorCode.NicknameInvalid,
      );
    const { joined: markup } = await h.join(created.code, '<img src=x>');
    expect(markup.you.nickname).toBe('<img src=x>');

    const { student } = await h.join(created.code);
    const before = (await h.store.getPlayers(created.code)).find((p) => p.id === student.playerId)?.nickname;
    const rerolled = await student.ok(E.Reroll);
    expect(isGeneratedNickname(rerolled.nickname)).toBe(true);
    const after = (await h.store.getPlayers(created.code)).find((p) => p.id === student.playerId)?.nickname;
    expect(after).toBe(rerolled.nickname);
    expect(before).toBeDefined();
  });

  test('locking stops new joiners but not resumes', async () => {
    const h = new Harness();
    const { host, created } = await h.host();
    const { joined } = await h.join(created.code);
    await host.ok(E.Lock, { locked: true });
    await h.client().fails(E.Join, { protocol: PROTOCOL_VERSION, code: created.code }, ErrorCode.RoomLocked);
    const back = await h.client().ok(E.Resume, {
      protocol: PROTOCOL_VERSION,
      code: created.code,
      resumeToken: joined.resumeToken,
      lastSeq: 0,
    });
    expect(back.you.playerId).toBe(joined.you.playerId);
    await host.ok(E.Lock, { locked: false });
    await h.join(created.code);
  });

  test('removal kicks a student who may come back; blocking stops the resume token', async () => {
    const h = new Harness();
    const { host, created } = await h.host();
    const { joined: a } = await h.join(created.code);
    const { joined: b } = await h.join(created.code);
    const roster = await host.ok(E.Remove, { playerId: a.you.playerId });
    expect(roster.players.map((p) => p.playerId)).toEqual([b.you.playerId]);
    expect(h.outbox.kicks).toEqual([{ code: created.code, playerId: a.you.playerId, reason: 'removed' }]);
    const resumePayload = (token: string) => ({
      protocol: PROTOCOL_VERSION,
      code: created.code,
      resumeToken: token,
      lastSeq: 0,
    });
    await h.client().ok(E.Resume, resumePayload(a.resumeToken));
    expect((await host.ok(E.Lock, { locked: false })).roster).toHaveLength(2);

    await host.ok(E.Block, { playerId: b.you.playerId });
    expect(h.outbox.kicks.at(-1)).toEqual({
      code: created.code,
      playerId: b.you.playerId,
      reason: 'blocked',
    });
    await h.client().fails(E.Resume, resumePayload(b.resumeToken), ErrorCode.Blocked);
    await host.fails(E.Remove, { playerId: 'nobody' }, ErrorCode.UnknownPlayer);
  });

  test('a removed student’s old connection can do nothing', async () => {
    const h = new Harness();
    const { host, created } = await h.host();
    const { student } = await h.join(created.code);
    await host.ok(E.Remove, { playerId: student.playerId });
    await student.fails(E.Snapshot, {}, ErrorCode.NotInRoom);
    await student.fails(E.Reroll, {}, ErrorCode.NotInRoom);
  });

  test('a student trying every host event is refused and changes nothing', async () => {
    const h = new Harness();
    const { host, created } = await h.host();
    const { student, joined } = await h.join(created.code);
    const before = JSON.stringify(await h.store.getRoom(created.code));
    const payloads: Record<string, unknown> = {
      [E.Lock]: { locked: true },
      [E.Remove]: { playerId: joined.you.playerId },
      [E.Block]: { playerId: joined.you.playerId },
      [E.Settings]: { speedBonus: false },
      [E.TimeMultiplier]: { playerId: joined.you.playerId, multiplier: 'untimed' },
      [E.Playlist]: { rounds: [] },
      [E.ExtendRound]: { seconds: 60 },
      [E.Watch]: { playerId: joined.you.playerId },
      [E.Replay]: { playerId: joined.you.playerId },
      [E.Results]: {},
    };
    for (const event of Object.values(HostEvent)) {
      if (event === E.CreateRoom || event === E.Attach) continue; // open to anyone, and they grant a new session
      await student.fails(event, payloads[event] ?? {}, ErrorCode.Forbidden);
    }
    expect(JSON.stringify(await h.store.getRoom(created.code))).toBe(before);
    expect(h.outbox.kicks).toEqual([]);
    // The host still can.
    await host.ok(E.StartRound);
  });

  test('leaving frees the connection; the seat stays for a resume', async () => {
    const h = new Harness();
    const { created } = await h.host();
    const { student, joined } = await h.join(created.code);
    await student.ok(E.Leave);
    expect(student.session).toEqual({ role: 'none' });
    await student.fails(E.Snapshot, {}, ErrorCode.NotInRoom);
    await student.ok(E.Resume, {
      protocol: PROTOCOL_VERSION,
      code: created.code,
      resumeToken: joined.resumeToken,
      lastSeq: 0,
    });
    expect(student.playerId).toBe(joined.you.playerId);
  });

  test('an unknown level in a playlist is refused', async () => {
    const h = new Harness();
    const { host } = await h.host();
    await host.fails(
      E.Playlist,
      { rounds: [{ kind: 'level', levelId: 'no-such-level', seconds: 60 }] },
      ErrorCode.UnknownLevel,
    );
    const view = await host.ok(E.Playlist, { rounds: [{ kind: 'rush', seconds: 90 }] });
    expect(view.playlist).toHaveLength(1);
    expect(view.playlist[0]).toMatchObject({ kind: 'rush', seconds: 90 });
  });
});
