/**
 * The teacher's room controls, end to end in headless chromium against the real server:
 * the lobby's player count follows joins and removals, remove-and-block keeps a student's
 * resume token from bringing them back, the settings panel turns the speed bonus off and
 * hides the leaderboard until the end, and a student with 2× time keeps playing after the
 * others' time is up. An idle lobby's connection chip keeps its latency fresh.
 */
import { describe, expect, test } from 'vitest';
import { LEVELS } from '../../levels';
import type { Level } from '../../shared/level/schema';
import { roomScore } from '../../shared/protocol/room-score';
import { score } from '../../shared/sim';
import { PHONE, PROJECTOR, screenshot } from './browser';
import { appHook, joinAsStudent, openRoomAsTeacher, shownScore, waitForApp, watchErrors } from './pages';
import { playThrough, waitForBoard } from './play-driver';
import { useServerAndBrowser } from './setup';

const level = (Object.values(LEVELS) as Level[]).sort((a, b) => a.order - b.order)[0] as Level;
/** Short enough to wait out in a test, long enough for a full level by the test driver. */
const ROUND_SECONDS = 40;
const STUDENT_PHONE = { ...PHONE, deviceScaleFactor: 1 };
const STUDENT_KEY = 'arena.student';

describe('room settings from the projector', () => {
  const rig = useServerAndBrowser();
  const errors: string[] = [];

  test('block, speed bonus off, leaderboard at the end, 2× time', { timeout: 240_000 }, async () => {
    const { server, browser } = rig;
    const url = server.url;
    const teacherContext = await browser.newContext(PROJECTOR);
    const teacher = await teacherContext.newPage();
    watchErrors(teacher, errors, 'teacher');
    teacher.on('dialog', (dialog) => void dialog.accept());
    const code = await openRoomAsTeacher(teacher, url);
    await teacher.selectOption('#pl-level', level.id);
    await teacher.fill('#pl-seconds', String(ROUND_SECONDS));
    await teacher.getByTestId('add-round').click();
    await expect.poll(() => teacher.getByTestId('playlist').textContent()).toContain(level.title);

    const join = (who: string) =>
      joinAsStudent(browser, url, code, { via: 'typed', device: STUDENT_PHONE, errors, who });
    const ana = await join('ana');
    const ben = await join('ben');
    const cy = await join('cy');
    // Everyone's lobby counts the newcomers, not only the newest student's.
    await expect.poll(() => ana.page.getByTestId('player-count').textContent()).toContain('3 players');

    // An idle lobby still measures its connection: the chip's latency moves with the pings.
    const firstLatency = (await appHook(ana.page)).latencyMs;
    await expect
      .poll(async () => (await appHook(ana.page)).latencyMs, { timeout: 15_000, interval: 500 })
      .not.toBe(firstLatency);
    await expect.poll(() => ana.page.getByTestId('connection').textContent()).toMatch(/Online · \d+ ms/);

    // Remove and block Cy. A copy of the resume token kept elsewhere (another tab) is refused too.
    const token = await cy.page.evaluate((key) => localStorage.getItem(key), STUDENT_KEY);
    expect(token).toContain(code);
    await teacher.getByRole('button', { name: `Remove and block ${cy.nickname}`, exact: true }).click();
    await waitForApp(cy.page, 'screen', 'gone');
    await expect.poll(() => teacher.getByTestId('roster').textContent()).not.toContain(cy.nickname);
    await expect.poll(() => ana.page.getByTestId('player-count').textContent()).toContain('2 players');
    await cy.page.evaluate(([key, value]) => localStorage.setItem(key, value), [
      STUDENT_KEY,
      token ?? '',
    ] as const);
    await cy.page.goto(`${url}/#/room/${code}`);
    await cy.page.reload();
    await waitForApp(cy.page, 'screen', 'gone');
    await expect.poll(() => cy.page.getByTestId('gone').textContent()).toContain('removed you');
    expect(await cy.page.evaluate((key) => localStorage.getItem(key), STUDENT_KEY)).toBeNull();
    await screenshot(cy.page, 'blocked-reload-phone');
    await cy.context.close();

    // Settings: no speed bonus, the leaderboard only at the end; Ben gets twice the time.
    await teacher.locator('summary', { hasText: 'Settings' }).click();
    await teacher.locator('#set-speed').uncheck();
    await teacher.selectOption('#set-board', 'end');
    await waitForApp(ana.page, 'speedBonus', false);
    await teacher.getByRole('combobox', { name: `Time for ${ben.nickname}` }).selectOption('2');
    await waitForApp(ben.page, 'timeMultiplier', 2);
    await screenshot(teacher, 'host-settings', { fullPage: true });

    await teacher.getByTestId('start').click();
    for (const s of [ana, ben]) {
      await waitForApp(s.page, 'screen', 'play');
      await waitForBoard(s.page);
    }
    // Each student's own clock: Ben's is twice as long.
    await expect
      .poll(async () => Number((await appHook(ana.page)).secondsLeft))
      .toBeLessThanOrEqual(ROUND_SECONDS);
    const anaLeft = Number((await appHook(ana.page)).secondsLeft);
    const benLeft = Number((await appHook(ben.page)).secondsLeft);
    expect(benLeft).toBeGreaterThan(anaLeft + ROUND_SECONDS * 0.8);
    const startedAt = Date.now();

    // Ana finishes the level; her score has no speed points, as the server counts it.
    const anaRun = await playThrough(ana.page, { style: 'mixed' });
    expect(anaRun.state.status).toBe('complete');
    const withSpeed = score(anaRun.state);
    expect(withSpeed.speed).toBeGreaterThan(0);
    await expect
      .poll(() => shownScore(ana.page))
      .toBe(roomScore(anaRun.state, level, { speedBonus: false, multiplier: 1 }).total);
    const anaScore = await shownScore(ana.page);
    expect(anaScore).toBeLessThan(withSpeed.total);
    await playThrough(ben.page, { style: 'keyboard', maxActions: 1 });

    // The class leaderboard stays off the students' screens while the round runs.
    await new Promise((r) => setTimeout(r, 4_000));
    for (const s of [ana, ben]) expect(await s.page.getByTestId('student-leaderboard').count()).toBe(0);
    await screenshot(ana.page, 'play-no-leaderboard-phone');

    // Past the round's own length, Ben is still playing.
    const wait = ROUND_SECONDS * 1000 - (Date.now() - startedAt) + 1_500;
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    expect((await appHook(ana.page)).phase).toBe('running');
    expect(Number((await appHook(ben.page)).secondsLeft)).toBeGreaterThan(0);
    const benConfirmed = Number((await appHook(ben.page)).confirmed ?? 0);
    const benMore = await playThrough(ben.page, { style: 'keyboard', maxActions: 1 });
    expect(benMore.actions).toBe(1);
    await expect.poll(async () => Number((await appHook(ben.page)).confirmed)).toBeGreaterThan(benConfirmed);
    expect((await appHook(ben.page)).mismatches).toBe(0);
    await screenshot(ben.page, 'play-extra-time-phone');

    await teacher.getByTestId('end').click();
    await waitForApp(ana.page, 'screen', 'between-rounds');
    await expect
      .poll(() => ana.page.getByTestId('my-round-score').textContent(), { timeout: 15_000 })
      .toBe(String(anaScore));
    await screenshot(ana.page, 'results-no-speed-bonus-phone');

    expect(errors).toEqual([]);
    await ana.context.close();
    await ben.context.close();
    await teacherContext.close();
  });
});
