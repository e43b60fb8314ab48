/**
 * Solo play, end to end, on a phone-sized screen: choose a level, play it to the end
 * through real input, see the server's verified score in the histogram, replay the best
 * run back to the same score (with play, pause, step and the scrubber), find the next
 * level unlocked, and watch a narrated demonstration.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { LEVELS } from '../../levels';
import type { Level } from '../../shared/level/schema';
import { PHONE, screenshot } from './browser';
import { appHook, waitForApp, watchErrors } from './pages';
import { boardState, perform, playThrough, waitForBoard } from './play-driver';
import { useServerAndBrowser } from './setup';

const levels = (Object.values(LEVELS) as Level[]).sort((a, b) => a.order - b.order);
const first = levels[0] as Level;
const second = levels[1] as Level;

async function pressStart(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const hook = (window as unknown as { __arena?: { board?: { buttonScreenPos(n: string): unknown } } })
      .__arena?.board;
    return hook?.buttonScreenPos('start') != null;
  });
  await page.focus('.arena-board');
  await page.keyboard.press('Enter');
}

describe('solo play', () => {
  const rig = useServerAndBrowser();

  test('a level played to the end, verified, replayed to the same score, and demonstrated', {
    timeout: 300_000,
  }, async () => {
    const { server, browser } = rig;
    const errors: string[] = [];
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    watchErrors(page, errors, 'solo');
    await page.goto(`${server.url}/`);
    await screenshot(page, 'home-phone');
    await page.getByRole('link', { name: 'Play solo' }).click();
    await waitForApp(page, 'screen', 'solo-select').catch(() => undefined);
    await expect.poll(() => page.locator('[data-level]').count()).toBe(levels.length);
    // Only the first level is open at the start.
    expect(await page.getByRole('button', { name: `Play ${second.title}` }).count()).toBe(0);
    await screenshot(page, 'solo-levels-phone');

    await page.getByRole('button', { name: `Play ${first.title}` }).click();
    await waitForApp(page, 'screen', 'solo-play');
    await waitForBoard(page);
    await screenshot(page, 'solo-intro-phone');
    await pressStart(page);
    const run = await playThrough(page, { style: 'mixed' });
    expect(run.state.status).toBe('complete');
    const result = (await appHook(page)).soloResult as { score: number; stars: number } | undefined;
    expect(result?.score).toBeGreaterThan(0);
    expect(result?.stars).toBeGreaterThanOrEqual(1);
    await expect.poll(() => page.getByTestId('final-score').textContent()).toBe(String(result?.score));
    // The server re-simulates the run and must reach the very same score.
    await expect.poll(() => page.getByTestId('histogram').isVisible(), { timeout: 15_000 }).toBe(true);
    const verified = (await appHook(page)).soloVerified as { score: number; total: number };
    expect(verified.score).toBe(result?.score);
    expect(verified.total).toBeGreaterThanOrEqual(1);
    await screenshot(page, 'solo-result-phone');

    // The best run plays back to the same score.
    await page.getByTestId('open-replay').click();
    await waitForApp(page, 'screen', 'solo-replay');
    await waitForBoard(page);
    await page.getByTestId('replay-step').click();
    await expect.poll(async () => (await boardState(page))?.tick ?? 0).toBeGreaterThan(0);
    const scrubber = page.getByTestId('replay-scrubber');
    const length = Number(await scrubber.getAttribute('max'));
    await scrubber.fill(String(Math.floor(length / 2)));
    await expect.poll(async () => (await boardState(page))?.tick).toBe(Math.floor(length / 2));
    await screenshot(page, 'solo-replay-phone');
    await page.getByTestId('replay-toggle').click();
    await expect.poll(async () => (await appHook(page)).replayStatus, { timeout: 60_000 }).toBe('complete');
    expect((await appHook(page)).replayScore).toBe(result?.score);
    await expect
      .poll(() => page.getByTestId('replay-verdict').textContent())
      .toContain('reaches the recorded score');

    // Passing the first level opened the second; the first shows its stars.
    await page.goto(`${server.url}/#/solo`);
    await expect.poll(() => page.getByRole('button', { name: `Play ${second.title}` }).count()).toBe(1);
    const stars = await page.locator(`[data-level="${first.id}"] .stars`).getAttribute('aria-label');
    expect(stars).toBe(`${result?.stars} of 3 stars`);

    // A demonstration: the autoplayer plays, each step explained.
    await page.getByRole('button', { name: `Watch a demonstration of ${first.title}` }).click();
    await waitForApp(page, 'screen', 'solo-demo');
    await waitForBoard(page);
    await expect
      .poll(async () => Number((await appHook(page)).demoSteps ?? 0), { timeout: 30_000 })
      .toBeGreaterThanOrEqual(3);
    expect((await page.getByTestId('demo-explanation').textContent())?.length).toBeGreaterThan(10);
    await expect
      .poll(async () => (await boardState(page))?.tally.serviced ?? 0, { timeout: 30_000 })
      .toBeGreaterThan(1);
    await screenshot(page, 'solo-demo-phone');

    expect(errors).toEqual([]);
    await context.close();
  });

  test('a wrong move is counted against the player', { timeout: 120_000 }, async () => {
    const { server, browser } = rig;
    const errors: string[] = [];
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    watchErrors(page, errors, 'solo-crash');
    await page.goto(`${server.url}/#/solo/play/${first.id}`);
    await waitForApp(page, 'screen', 'solo-play');
    await waitForBoard(page);
    await pressStart(page);
    // Popping before any return is pending is wrong whatever the level asks first.
    const state = await waitForBoard(page);
    await perform(page, { type: 'pop' }, 'keyboard', state);
    await expect
      .poll(async () => {
        const s = await boardState(page);
        const mistakes = Object.values(s?.tally.mistakes ?? {}).reduce((a, b) => a + (b ?? 0), 0);
        return mistakes + (s?.tally.rejections ?? 0);
      })
      .toBeGreaterThan(0);
    await screenshot(page, 'solo-mistake-phone');
    expect(errors).toEqual([]);
    await context.close();
  });
});
