/**
 * A live classroom, end to end, in headless chromium against the real built client and
 * the real server: a teacher opens a room and builds a playlist, three students join from
 * phones and a laptop, the round runs, they play through real mouse and keyboard input,
 * one finishes the level, one reloads mid-round and carries on, the projector shows the
 * scores and a student's live board, then the podium, the class report, an anonymous
 * replay, and the results CSV.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { LEVELS } from '../../levels';
import type { Level } from '../../shared/level/schema';
import type { GameState } from '../../shared/sim/types';
import { LAPTOP, PHONE, PROJECTOR, screenshot } from './browser';
import { appHook, joinAsStudent, openRoomAsTeacher, shownScore, waitForApp, watchErrors } from './pages';
import { boardState, playThrough, waitForBoard } from './play-driver';
import { useServerAndBrowser } from './setup';

const levels = (Object.values(LEVELS) as Level[]).sort((a, b) => a.order - b.order);
const level = levels[0] as Level;
const level2 = levels[1] as Level;

/**
 * Three boards drawn by software WebGL share two cores here: phones at 1 CSS pixel per
 * device pixel keep each page responsive (at 2, one board alone runs at a few frames a second).
 */
const STUDENT_PHONE = { ...PHONE, deviceScaleFactor: 1 };

function progressOf(s: GameState) {
  const placed = Object.values(s.objects)
    .filter((o) => o.address !== null && !o.shelf)
    .map((o) => `${o.id}@${o.address}`)
    .sort();
  return { stack: s.stack.map((f) => f.fn), placed, serviced: s.tally.serviced };
}

async function clockSeconds(page: Page): Promise<number> {
  const text = (await page.getByTestId('round-clock').textContent()) ?? '';
  const [, m, s] = /(\d+):(\d\d)/.exec(text) ?? [];
  return Number(m) * 60 + Number(s);
}

describe('a live classroom', () => {
  const rig = useServerAndBrowser();
  const errors: string[] = [];

  test('a teacher runs a round that three students play', { timeout: 420_000 }, async () => {
    const { server, browser } = rig;
    const url = server.url;
    const teacherContext = await browser.newContext({ ...PROJECTOR, acceptDownloads: true });
    const teacher = await teacherContext.newPage();
    watchErrors(teacher, errors, 'teacher');
    await teacher.goto(`${url}/`);
    await expect.poll(() => teacher.getByRole('button', { name: 'Host a room' }).isVisible()).toBe(true);
    await screenshot(teacher, 'home-projector');

    const code = await openRoomAsTeacher(teacher, url);
    await expect.poll(() => teacher.getByTestId('join-url').textContent()).toBe(`${url}/?code=${code}`);
    await expect.poll(() => teacher.locator('.qr img').count()).toBe(1);

    // The playlist: the lesson's first level, with time to spare on a busy machine.
    await teacher.selectOption('#pl-level', level.id);
    await teacher.fill('#pl-seconds', '900');
    await teacher.getByTestId('add-round').click();
    await expect.poll(() => teacher.getByTestId('playlist').textContent()).toContain(level.title);
    await teacher.selectOption('#pl-level', level2.id);
    await teacher.getByTestId('add-round').click();
    await expect.poll(() => teacher.getByTestId('playlist').textContent()).toContain(level2.title);
    await expect.poll(() => teacher.getByTestId('start').isEnabled()).toBe(true);

    const ana = await joinAsStudent(browser, url, code, {
      via: 'address',
      device: STUDENT_PHONE,
      shot: 'join-phone',
      errors,
      who: 'ana',
    });
    const ben = await joinAsStudent(browser, url, code, {
      via: 'typed',
      device: STUDENT_PHONE,
      reroll: true,
      errors,
      who: 'ben',
    });
    const cy = await joinAsStudent(browser, url, code, { via: 'typed', device: LAPTOP, errors, who: 'cy' });
    const students = [ana, ben, cy];
    expect(new Set(students.map((s) => s.nickname)).size).toBe(3);
    for (const s of students)
      await expect.poll(() => teacher.getByTestId('roster').textContent()).toContain(s.nickname);
    expect(await ana.page.getByTestId('lobby').textContent()).toContain('Waiting for your teacher');
    await screenshot(ana.page, 'lobby-phone');
    await screenshot(teacher, 'host-lobby');

    // A fourth joiner is removed by the teacher, and the room is locked behind the class.
    const dee = await joinAsStudent(browser, url, code, {
      via: 'typed',
      device: STUDENT_PHONE,
      errors,
      who: 'dee',
    });
    await expect.poll(() => teacher.getByTestId('roster').textContent()).toContain(dee.nickname);
    await teacher.getByRole('button', { name: `Remove ${dee.nickname}`, exact: true }).click();
    await waitForApp(dee.page, 'screen', 'gone');
    await screenshot(dee.page, 'removed-phone');
    await expect.poll(() => teacher.getByTestId('roster').textContent()).not.toContain(dee.nickname);
    await teacher.getByTestId('lock').click();
    await expect.poll(() => teacher.getByTestId('lock-state').textContent()).toContain('Locked');
    await dee.page.goto(`${url}/?code=${code}`);
    await expect.poll(() => dee.page.locator('#join-error').textContent()).toContain('locked');
    await screenshot(dee.page, 'join-locked-phone');
    await dee.context.close();

    await teacher.getByTestId('start').click();
    for (const s of students) {
      await waitForApp(s.page, 'screen', 'play');
      const state = await waitForBoard(s.page);
      expect(state.level.id).toBe(level.id);
    }
    await expect.poll(() => teacher.getByTestId('round-clock').textContent()).toMatch(/^\d+:\d\d$/);
    await screenshot(ana.page, 'play-phone');

    // Ana plays the whole level, the mouse for placing and answering, the keyboard for the rest.
    const anaRun = await playThrough(ana.page, { style: 'mixed' });
    expect(anaRun.state.status).toBe('complete');
    expect(anaRun.actions).toBeGreaterThan(2);
    // Every action was shown at once and the server's hash agreed with the prediction.
    await expect.poll(async () => (await appHook(ana.page)).confirmed).toBe(anaRun.actions);
    expect((await appHook(ana.page)).mismatches).toBe(0);
    await expect.poll(() => ana.page.getByTestId('play-banner').textContent()).toContain('Level complete');
    await screenshot(ana.page, 'play-phone-complete');

    // Ben plays a little with the keyboard only.
    const benRun = await playThrough(ben.page, { style: 'keyboard', maxActions: 2 });
    expect(benRun.state.tally.serviced).toBeGreaterThan(0);

    // Cy plays by mouse, reloads mid-round, and carries on from the same place.
    const cyBefore = await playThrough(cy.page, { style: 'mouse', maxActions: 2 });
    expect(cyBefore.state.tally.serviced).toBeGreaterThan(0);
    const seqBefore = (await appHook(cy.page)).lastSeqSent ?? 0;
    expect(seqBefore).toBeGreaterThanOrEqual(2);
    await cy.page.reload();
    await waitForApp(cy.page, 'screen', 'play');
    const cyAfter = await waitForBoard(cy.page);
    expect(progressOf(cyAfter)).toEqual(progressOf(cyBefore.state));
    expect(cyAfter.tick).toBeGreaterThanOrEqual(cyBefore.state.tick);
    await expect.poll(async () => (await appHook(cy.page)).connection).toBe('online');
    const cyMore = await playThrough(cy.page, { style: 'mixed', maxActions: 2 });
    expect(cyMore.state.tally.serviced).toBeGreaterThan(cyBefore.state.tally.serviced);
    expect((await appHook(cy.page)).lastSeqSent).toBeGreaterThan(seqBefore);
    await screenshot(cy.page, 'play-laptop-after-reload');

    // The projector's leaderboard shows each student's score as the student sees it.
    const board = teacher.getByTestId('leaderboard');
    for (const s of students)
      await expect.poll(() => board.textContent(), { timeout: 10_000 }).toContain(s.nickname);
    const anaScore = await shownScore(ana.page);
    expect(anaScore).toBeGreaterThan(0);
    await expect
      .poll(() => board.locator('li', { hasText: ana.nickname }).getByTestId('lb-score').textContent(), {
        timeout: 10_000,
      })
      .toBe(String(anaScore));
    await expect.poll(() => teacher.getByTestId('progress').locator('tr[data-player]').count()).toBe(3);
    await screenshot(teacher, 'host-running');

    // Watching Cy's board live from the projector.
    await board.getByRole('button', { name: `Watch ${cy.nickname}` }).click();
    await expect.poll(() => teacher.getByTestId('host-board-panel').isVisible()).toBe(true);
    const watched = await waitForBoard(teacher);
    expect(progressOf(watched).serviced).toBeGreaterThanOrEqual(cyMore.state.tally.serviced);
    await screenshot(teacher, 'host-watch');
    await teacher.getByTestId('close-board').click();

    // The teacher ends the round: podium on the projector, own results on each phone.
    await teacher.getByTestId('end').click();
    await expect.poll(() => teacher.getByTestId('after-round').isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => teacher.getByTestId('podium-1').textContent()).toContain(ana.nickname);
    await expect.poll(() => teacher.getByTestId('class-report').isVisible()).toBe(true);
    await screenshot(teacher, 'host-podium');
    for (const s of students) {
      await waitForApp(s.page, 'screen', 'between-rounds');
      await expect.poll(() => s.page.getByTestId('my-result').isVisible(), { timeout: 15_000 }).toBe(true);
    }
    await expect.poll(() => ana.page.getByTestId('my-round-score').textContent()).toBe(String(anaScore));
    await expect.poll(() => ana.page.getByTestId('my-standing').textContent()).toContain('1st');
    await screenshot(ana.page, 'between-rounds-phone');
    await screenshot(ben.page, 'between-rounds-phone-2');

    // An anonymous replay of the best run on the projector.
    await teacher.getByTestId('replay-buttons').getByRole('button').first().click();
    await expect.poll(() => teacher.getByTestId('host-board-panel').isVisible()).toBe(true);
    await waitForBoard(teacher);
    await teacher.getByTestId('replay-toggle').click();
    await expect
      .poll(async () => (await boardState(teacher))?.tick ?? 0, { timeout: 15_000 })
      .toBeGreaterThan(5);
    expect(await teacher.getByTestId('host-board-panel').textContent()).not.toContain(ana.nickname);
    await screenshot(teacher, 'host-replay');

    // The projector reloads between rounds: it re-attaches with its host token and shows the podium again.
    await teacher.reload();
    await waitForApp(teacher, 'screen', 'host');
    await expect
      .poll(() => teacher.getByTestId('podium-1').textContent(), { timeout: 15_000 })
      .toContain(ana.nickname);

    // Ana leaves the room screen; the home screen offers her game back.
    await ana.page.goto(`${url}/`);
    await expect.poll(() => ana.page.getByTestId('rejoin').isVisible()).toBe(true);
    await screenshot(ana.page, 'home-rejoin-phone');
    await ana.page.getByRole('button', { name: 'Rejoin' }).click();
    await waitForApp(ana.page, 'screen', 'between-rounds');
    await expect.poll(() => ana.page.getByTestId('my-round-score').textContent()).toBe(String(anaScore));
    await screenshot(ana.page, 'rejoin-between-rounds-phone');

    // Round 2: paused, resumed and extended by the teacher; Ben plays it through.
    await teacher.getByTestId('next').click();
    for (const s of students) {
      await waitForApp(s.page, 'screen', 'play');
      await expect
        .poll(async () => (await boardState(s.page))?.level.id, { timeout: 20_000 })
        .toBe(level2.id);
    }
    await teacher.getByTestId('pause').click();
    for (const s of students) await waitForApp(s.page, 'phase', 'paused');
    await expect.poll(() => ben.page.getByTestId('play-banner').textContent()).toContain('paused');
    await screenshot(ben.page, 'play-phone-paused');
    await teacher.getByTestId('resume').click();
    await waitForApp(ben.page, 'phase', 'running');
    const clockBefore = await clockSeconds(teacher);
    await teacher.getByTestId('extend-60').click();
    await expect.poll(() => clockSeconds(teacher)).toBeGreaterThan(clockBefore + 50);
    // Ben's network drops: the indicator says so, the socket comes back by itself and resumes his seat.
    await playThrough(ben.page, { style: 'keyboard', maxActions: 1 });
    await ben.context.setOffline(true);
    await waitForApp(ben.page, 'connection', 'offline');
    await expect.poll(() => ben.page.getByTestId('connection').textContent()).toContain('Offline');
    await screenshot(ben.page, 'play-phone-offline');
    await ben.context.setOffline(false);
    await waitForApp(ben.page, 'connection', 'online');
    const benRound2 = await playThrough(ben.page, { style: 'mixed' });
    expect(benRound2.state.status).toBe('complete');
    const benScore2 = await shownScore(ben.page);
    await teacher.getByTestId('end').click();
    for (const s of students) await waitForApp(s.page, 'screen', 'between-rounds');
    await expect
      .poll(() => ben.page.getByTestId('my-round-score').textContent(), { timeout: 15_000 })
      .toBe(String(benScore2));
    // Ben won round 2: his overall place went up.
    await expect.poll(() => ben.page.getByTestId('my-standing').textContent()).toMatch(/up/);
    await screenshot(ben.page, 'final-results-phone');
    await screenshot(teacher, 'host-final', { fullPage: true });

    // The results CSV: one row per student per round, with the scores the rounds gave them.
    const [download] = await Promise.all([
      teacher.waitForEvent('download'),
      teacher.getByTestId('download-csv').click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^round,level,nickname,score,stars,/);
    expect(lines).toHaveLength(7);
    const cells = lines.slice(1).map((l) => l.split(','));
    expect(cells.find((c) => c[0] === '1' && c[2] === ana.nickname)?.slice(0, 4)).toEqual([
      '1',
      level.id,
      ana.nickname,
      String(anaScore),
    ]);
    expect(cells.find((c) => c[0] === '2' && c[2] === ben.nickname)?.slice(0, 4)).toEqual([
      '2',
      level2.id,
      ben.nickname,
      String(benScore2),
    ]);
    for (const round of ['1', '2']) {
      expect(
        cells
          .filter((c) => c[0] === round)
          .map((c) => c[2])
          .sort(),
      ).toEqual(students.map((st) => st.nickname).sort());
    }

    expect(errors).toEqual([]);
    for (const s of students) await s.context.close();
    await teacherContext.close();
  });
});
