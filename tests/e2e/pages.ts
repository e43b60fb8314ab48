/**
 * Steps every browser test takes through the app's own screens: open a room as the
 * teacher, join as a student, wait on the app's test hook.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { screenshot } from './browser';

export interface AppHookView {
  screen?: string;
  phase?: string;
  connection?: string;
  nickname?: string;
  roomCode?: string;
  lastSeqSent?: number;
  [key: string]: unknown;
}

export async function appHook(page: Page): Promise<AppHookView> {
  return page.evaluate(
    () => ((window as unknown as { __arena?: { app?: unknown } }).__arena?.app ?? {}) as never,
  );
}

/** Waits until the app's hook has `key` equal to `value`. */
export async function waitForApp(page: Page, key: string, value: unknown, timeout = 20_000): Promise<void> {
  await page.waitForFunction(
    ([k, v]) =>
      (window as unknown as { __arena?: { app?: Record<string, unknown> } }).__arena?.app?.[k as string] ===
      v,
    [key, value] as const,
    { timeout },
  );
}

/** Fails the test on any uncaught error in the page: a broken screen must not pass quietly. */
export function watchErrors(page: Page, errors: string[], who: string): void {
  page.on('pageerror', (err) => errors.push(`${who}: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/Failed to load resource|WebSocket connection/.test(msg.text())) {
      errors.push(`${who} console: ${msg.text()}`);
    }
  });
}

export async function openRoomAsTeacher(page: Page, baseUrl: string): Promise<string> {
  await page.goto(`${baseUrl}/`);
  await page.getByRole('button', { name: 'Host a room' }).click();
  await waitForApp(page, 'screen', 'host');
  const code = (await page.getByTestId('join-code').textContent())?.trim() ?? '';
  expect(code).toMatch(/^[A-Z2-9]{6}$/);
  return code;
}

export interface Student {
  context: BrowserContext;
  page: Page;
  nickname: string;
}

/**
 * Joins a room from the home form. `via` chooses how the code gets there: the address
 * (`/?code=…`, as from the QR code) or typed on the keyboard.
 */
export async function joinAsStudent(
  browser: Browser,
  baseUrl: string,
  code: string,
  options: {
    via: 'address' | 'typed';
    device: Record<string, unknown>;
    shot?: string;
    errors: string[];
    who: string;
    reroll?: boolean;
  },
): Promise<Student> {
  const context = await browser.newContext(options.device);
  const page = await context.newPage();
  watchErrors(page, options.errors, options.who);
  if (options.via === 'address') {
    await page.goto(`${baseUrl}/?code=${code}`);
    await expect.poll(() => page.locator('#join-code').inputValue()).toBe(code);
  } else {
    await page.goto(`${baseUrl}/`);
    await page.locator('#join-code').click();
    await page.keyboard.type(code.toLowerCase(), { delay: 20 });
  }
  const preview = page.locator('#nickname-preview');
  await expect
    .poll(async () => (await preview.textContent())?.trim() ?? '', { timeout: 10_000 })
    .not.toBe('');
  if (options.reroll) {
    const first = (await preview.textContent())?.trim();
    await page.getByRole('button', { name: 'Suggest another name' }).click();
    await expect.poll(async () => (await preview.textContent())?.trim(), { timeout: 10_000 }).not.toBe(first);
  }
  if (options.shot) await screenshot(page, options.shot);
  const nickname = (await preview.textContent())?.trim() ?? '';
  // A phone keyboard's Go key in the code field submits the form.
  if (options.via === 'typed') await page.locator('#join-code').press('Enter');
  else await page.getByRole('button', { name: 'Join', exact: true }).click();
  await waitForApp(page, 'screen', 'room');
  await expect
    .poll(async () => (await page.getByTestId('my-name').textContent())?.trim(), { timeout: 10_000 })
    .toBe(nickname);
  return { context, page, nickname };
}

/** The score the student's own screen shows (the room's rule, not the simulator's). */
export async function shownScore(page: Page): Promise<number> {
  return Number((await page.getByTestId('score').textContent())?.trim());
}
