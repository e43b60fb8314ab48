/**
 * Plays a level in the browser through real input, the way a student would: the board's
 * test hook says where things are, the simulator's perfect player (`bestAction`) says
 * what to do, and the mouse and keyboard do it. Each move waits until the board shows
 * its effect; nothing sleeps for a fixed time.
 */
import type { Page } from 'playwright-core';
import { bestAction } from '../../shared/sim';
import type { Action, GameState } from '../../shared/sim/types';

type Point = { x: number; y: number };

/** Which input plays each kind of action: a mix, so both the keyboard and the mouse are exercised. */
export type InputStyle = 'mixed' | 'keyboard' | 'mouse';

export async function boardState(page: Page): Promise<GameState | null> {
  return page.evaluate(() => {
    const hook = (window as unknown as { __arena?: { board?: { state: unknown } } }).__arena?.board;
    return (hook?.state ?? null) as never;
  });
}

export async function waitForBoard(page: Page, timeout = 30_000): Promise<GameState> {
  await page.waitForFunction(
    () => {
      const hook = (window as unknown as { __arena?: { board?: { ready?: boolean; state: unknown } } })
        .__arena?.board;
      return hook?.ready === true && hook.state !== null;
    },
    undefined,
    { timeout },
  );
  const state = await boardState(page);
  if (!state) throw new Error('board has no state');
  return state;
}

/** A summary that changes whenever the player's move has taken effect. */
export function fingerprint(s: GameState): string {
  const placed = Object.values(s.objects)
    .filter((o) => o.address !== null && !o.shelf)
    .map((o) => `${o.id}@${o.address}`)
    .sort()
    .join(',');
  const mistakes = Object.values(s.tally.mistakes).reduce((a, b) => a + (b ?? 0), 0);
  return [
    s.status,
    s.stack.length,
    placed,
    s.request?.kind ?? '-',
    s.tally.serviced,
    mistakes,
    s.tally.rejections,
  ].join('|');
}

type Target = ['button' | 'object' | 'cell', string | number];

const LOCATE_PATIENCE_MS = 2_000;

/**
 * One round trip: brings the board into view, gives it the keyboard focus, and returns
 * the viewport positions of the targets (the hook gives document positions), null where
 * the board shows no such target.
 */
async function locateOnce(page: Page, targets: Target[]): Promise<(Point | null)[]> {
  return page.evaluate((wanted) => {
    const board = document.querySelector<HTMLElement>('.arena-board');
    const rect = board?.getBoundingClientRect();
    if (board && rect && (rect.top < 0 || rect.bottom > window.innerHeight))
      board.scrollIntoView({ block: 'center' });
    if (board && document.activeElement !== board) board.focus({ preventScroll: true });
    const hook = (
      window as unknown as {
        __arena?: {
          board?: {
            buttonScreenPos(n: string): Point | null;
            objectScreenPos(id: string): Point | null;
            cellToScreen(o: number): Point | null;
          };
        };
      }
    ).__arena?.board;
    return wanted.map(([kind, value]) => {
      if (!hook) return null;
      const p =
        kind === 'button'
          ? hook.buttonScreenPos(String(value))
          : kind === 'object'
            ? hook.objectScreenPos(String(value))
            : hook.cellToScreen(Number(value));
      return p ? { x: p.x - window.scrollX, y: p.y - window.scrollY } : null;
    });
  }, targets);
}

/**
 * The targets' positions, asked again for a moment when one is missing: the board draws
 * a new state on its next frame, so a button the state already calls for may not be
 * there yet.
 */
async function locate(page: Page, targets: Target[]): Promise<Point[]> {
  const deadline = Date.now() + LOCATE_PATIENCE_MS;
  for (;;) {
    const points = await locateOnce(page, targets);
    const missing = points.findIndex((p) => !p);
    if (missing < 0) return points as Point[];
    if (Date.now() > deadline) throw new Error(`the board shows no ${targets[missing]?.join(' ')}`);
    await page.waitForTimeout(50);
  }
}

async function at(page: Page, kind: Target[0], value: Target[1]): Promise<Point> {
  const [p] = await locate(page, [[kind, value]]);
  return p as Point;
}

async function click(page: Page, p: Point): Promise<void> {
  await page.mouse.click(p.x, p.y);
}

async function drag(page: Page, from: Point, to: Point): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
}

async function key(page: Page, name: string): Promise<void> {
  await locate(page, []);
  await page.keyboard.press(name);
}

/** Performs one simulator action through the board's real input handling. */
export async function perform(
  page: Page,
  action: Action,
  style: InputStyle,
  state: GameState,
): Promise<void> {
  const mouse =
    style === 'mouse' || (style === 'mixed' && (action.type === 'place' || action.type === 'answer'));
  switch (action.type) {
    case 'push':
      return mouse ? click(page, await at(page, 'button', 'push')) : key(page, 'p');
    case 'pop':
      return mouse ? click(page, await at(page, 'button', 'pop')) : key(page, 'o');
    case 'raise':
      if (mouse) return click(page, await at(page, 'button', 'raise'));
      return key(page, action.error === 'MemoryError' && state.request?.kind !== 'place' ? 'm' : 'r');
    case 'answer':
      return mouse
        ? click(page, await at(page, 'button', `answer-${action.option}`))
        : key(page, String(action.option + 1));
    case 'place': {
      if (mouse) {
        const [from, to] = await locate(page, [
          ['object', action.objectId],
          ['cell', action.address],
        ]);
        return drag(page, from as Point, to as Point);
      }
      // Keyboard: pick the object by its number, walk the cursor there, Enter.
      const request = state.request;
      const index =
        request?.kind === 'place'
          ? request.objectIds.filter((id) => state.objects[id]?.address === null).indexOf(action.objectId)
          : 0;
      await key(page, String(Math.max(0, index) + 1));
      await click(page, await at(page, 'cell', action.address));
      return;
    }
    case 'free': {
      for (const id of action.objectIds) {
        const obj = state.objects[id];
        if (obj?.address === null || obj === undefined) continue;
        await click(page, await at(page, 'cell', obj.address));
      }
      return mouse ? click(page, await at(page, 'button', 'free')) : key(page, 'f');
    }
  }
}

export interface PlayOptions {
  style?: InputStyle;
  /** Stop after this many actions (the level may still be running). */
  maxActions?: number;
  timeoutMs?: number;
}

/**
 * Plays until the level ends or `maxActions` were made. Returns the last state seen and
 * how many actions were performed.
 */
export async function playThrough(
  page: Page,
  options: PlayOptions = {},
): Promise<{ state: GameState; actions: number }> {
  const style = options.style ?? 'mixed';
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  let actions = 0;
  let state = await waitForBoard(page);
  while (state.status === 'running' && actions < (options.maxActions ?? Number.POSITIVE_INFINITY)) {
    if (Date.now() > deadline)
      throw new Error(`level not finished in time; last state ${fingerprint(state)}`);
    const action = bestAction(state);
    const before = fingerprint(state);
    if (action) {
      await perform(page, action, style, state);
      actions++;
    }
    // Wait for the move (or, while the program runs by itself, the next request) to show.
    await page
      .waitForFunction(
        (prev) => {
          const hook = (window as unknown as { __arena?: { board?: { state: GameState | null } } }).__arena
            ?.board;
          const s = hook?.state;
          if (!s) return false;
          const placed = Object.values(s.objects)
            .filter((o) => o.address !== null && !o.shelf)
            .map((o) => `${o.id}@${o.address}`)
            .sort()
            .join(',');
          const mistakes = Object.values(s.tally.mistakes).reduce((a: number, b) => a + (b ?? 0), 0);
          const now = [
            s.status,
            s.stack.length,
            placed,
            s.request?.kind ?? '-',
            s.tally.serviced,
            mistakes,
            s.tally.rejections,
          ].join('|');
          return now !== prev;
        },
        before,
        { timeout: action ? 5_000 : 15_000, polling: 50 },
      )
      .catch(() => undefined);
    const next = await boardState(page);
    if (!next) throw new Error('the board lost its state');
    state = next;
  }
  return { state, actions };
}
