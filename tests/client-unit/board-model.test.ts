import { describe, expect, test } from 'vitest';
import { AUTO_LABELS_AT, BoardModel } from '../../client/src/game/board-model';
import { crowdedState, cycleState, frame, heapObject, midStackState } from '../../client/src/game/fixtures';

function model(state = midStackState(), mode: 'play' | 'watch' = 'play') {
  const m = new BoardModel(mode, true);
  m.setState(state, [], 0);
  return m;
}

describe('taking states', () => {
  test('a tick that changes nothing on screen asks for no redraw; a change does', () => {
    const s = midStackState();
    const m = model(s);
    expect(m.setState({ ...s, tick: s.tick + 1 }, [], 100)).toBeNull();
    const objects = { ...s.objects, y: { ...s.objects.y!, refs: [] } };
    expect(m.setState({ ...s, tick: s.tick + 2, objects }, [], 200)).toBe('board');
    expect([...m.changes!.objects]).toEqual(['y']);
  });

  test('a request waiting past its grace turns urgent, which is a visible change', () => {
    const s = midStackState();
    const m = model(s);
    const late = s.request!.since + s.level.grace + 1;
    expect(m.setState({ ...s, tick: late }, [], 100)).toBe('board');
  });

  test('a stall redraws the board once; its further ticks only move the score on the live layer', () => {
    const s = midStackState();
    const m = model(s);
    const at = (n: number) => ({
      ...s,
      tick: s.request!.since + s.level.grace + n,
      tally: { ...s.tally, stallTicks: n },
    });
    const stall = (n: number) => [{ type: 'stall' as const, waited: s.level.grace + n }];
    expect(m.setState(at(1), stall(1), 100)).toBe('board');
    const note = m.info;
    expect(note?.tone).toBe('warn');
    for (let n = 2; n < 6; n++) expect(m.setState(at(n), stall(n), 100 + n)).toBe('live');
    expect(m.info).toBe(note);
  });

  test('a score that crosses a star threshold or outgrows its digits redraws the board', () => {
    const s = midStackState();
    const m = model(s);
    const total = m.views!.score.total;
    const withServiced = (extra: number) => ({
      ...s,
      tally: { ...s.tally, serviced: s.tally.serviced + extra },
    });
    const needed = s.level.stars.find((t) => t > total)!;
    const steps = Math.ceil((needed - total) / 100);
    expect(m.setState(withServiced(steps), [], 100)).toBe('board');
    expect(m.setState(withServiced(steps + 100), [], 200)).toBe('board');
  });

  test('what changed stays lit through quiet ticks, but a jump (seek, snapshot) lights nothing', () => {
    const s = midStackState();
    const m = model(s);
    const objects = { ...s.objects, y: { ...s.objects.y!, address: 100 } };
    m.setState({ ...s, tick: s.tick + 1, objects }, [], 100);
    m.setState({ ...s, tick: s.tick + 2, objects }, [], 200);
    expect(m.changes!.objects.has('y')).toBe(true);
    const moved = { ...objects, y: { ...objects.y!, address: 0 } };
    m.setState({ ...s, tick: s.tick + 500, objects: moved }, [], 300);
    expect(m.changes!.none).toBe(true);
  });

  test('crash and refusal messages on the info line name <module> without call parentheses', () => {
    const m = model();
    const message = 'Dangling pointer: you freed xs (<module>() still reaches it through xs).';
    m.setState(midStackState(), [{ type: 'crash', kind: 'dangling-pointer', message }], 0);
    expect(m.info?.text).toBe('Dangling pointer: you freed xs (<module> still reaches it through xs).');
    m.flash('<module>() cannot be popped.');
    expect(m.info?.text).toBe('<module> cannot be popped.');
  });

  test('a mistake or a wrong answer becomes the info line; focusing an object replaces it', () => {
    const m = model();
    m.setState(
      midStackState(),
      [{ type: 'mistake', concept: 'call-stack', message: 'b() has not been called yet.' }],
      0,
    );
    expect(m.info).toEqual({ text: 'b() has not been called yet.', tone: 'bad' });
    m.focus('y');
    expect(m.info).toBeNull();
  });
});

describe('focus, marks and "why is this alive?"', () => {
  test('Tab order is heap address order, wrapping both ways; the cursor follows', () => {
    const s = midStackState();
    s.objects.z = heapObject('z', 'float', '1.5', 24, 0);
    const m = model(s);
    m.focusNext(1);
    expect(m.focusedId).toBe('z');
    m.focusNext(1);
    expect(m.focusedId).toBe('y');
    expect(m.cursor).toBe(2);
    m.focusNext(1);
    expect(m.focusedId).toBe('z');
    m.focusNext(-1);
    expect(m.focusedId).toBe('y');
  });

  test('only heap objects can be marked for freeing', () => {
    const m = model();
    m.toggleSelect('int:1');
    expect(m.selection).toEqual([]);
    m.toggleSelect('y');
    expect(m.selection).toEqual(['y']);
    m.toggleSelect('y');
    expect(m.selection).toEqual([]);
  });

  test('a reachable object is answered with its path from a root', () => {
    const m = model();
    m.focus('y');
    expect(m.why()).toEqual({ path: ['b', 'y', 'y'], text: 'Why is [1, 2, 3] alive? b() → y → [1, 2, 3]' });
    m.focus('int:3');
    expect(m.why()!.text).toBe('Why is 3 alive? b() → y → [1, 2, 3] → 3');
  });

  test('a member of an unreachable cycle is named as such, with its partner', () => {
    const m = model(cycleState());
    m.focus('a');
    const why = m.why()!;
    expect(why.path).toBeNull();
    expect(why.text).toContain('unreachable cycle');
  });

  test('an object nothing refers to is plain garbage', () => {
    const s = cycleState();
    s.objects.lone = heapObject('lone', 'float', '2.5', 24, 200);
    const m = model(s);
    m.focus('lone');
    expect(m.why()!.text).toBe('Nothing refers to 2.5 any more: it is garbage.');
  });

  test('the object under a heap cell', () => {
    const m = model();
    expect(m.objectAtCell(2)?.id).toBe('y');
    expect(m.objectAtCell(12)?.id).toBe('y');
    expect(m.objectAtCell(13)).toBeNull();
  });
});

describe('cards, labels and keys', () => {
  test('cards: help over everything, then the intro, the crash card, the outro', () => {
    const s = midStackState();
    const m = model(s);
    expect(m.overlay).toBeNull();
    m.setState({ ...s, status: 'crashed', crash: { kind: 'stack-overflow', message: 'x' } }, [], 0);
    expect(m.overlay).toBe('crash');
    m.helpOpen = true;
    expect(m.overlay).toBe('help');
    m.helpOpen = false;
    m.setState({ ...s, status: 'complete' }, [], 0);
    expect(m.overlay).toBe('outro');
    const watching = new BoardModel('watch', false);
    watching.setState({ ...s, status: 'complete' }, [], 0);
    expect(watching.overlay).toBeNull();
  });

  test(`arrows turn into labels past ${AUTO_LABELS_AT} arrows, unless the player chose`, () => {
    const few = model();
    expect(few.arrowCount()).toBe(5); // x, y, and [1, 2, 3] → 1, 2, 3
    expect(few.labels).toBe(false);
    few.autoLabelsAt = 4;
    expect(few.labels).toBe(true);
    const state = crowdedState(150);
    state.objects.holder = { ...state.objects.holder!, address: 16000 };
    const crowded = model(state);
    expect(crowded.arrowCount()).toBeGreaterThan(AUTO_LABELS_AT);
    expect(crowded.labels).toBe(true);
    crowded.toggleLabels();
    expect(crowded.labels).toBe(false);
  });

  test('the key context names the called function, or one to push by mistake', () => {
    const s = midStackState();
    expect(model(s).keyContext(8).fallbackFn).toBe('c');
    const quiet = { ...s, request: null, stack: [frame('<module>', 64), frame('a', 96)] };
    expect(model(quiet).keyContext(8).fallbackFn).toBe('a');
    expect(model(cycleState()).keyContext(8)).toMatchObject({ pendingId: 'big', pendingCount: 1, cells: 32 });
  });

  test('watchers get no actions: the model says so', () => {
    expect(model(midStackState(), 'watch').interactive).toBe(false);
    expect(model(midStackState(), 'play').interactive).toBe(true);
  });
});
