/**
 * Headless Debian chromium through playwright-core, with the flags this machine needs,
 * and helpers that every browser test uses: screenshots of each screen, waits on the
 * page's test hook instead of sleeps.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { repoRoot } from './build';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

export const screenshotDir = join(repoRoot, 'artifacts', 'screenshots');

/** Two animation frames let Phaser draw the latest state before the picture is taken. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );
}

/** What the screen shows (the viewport), or the whole scrolled page with `fullPage`. */
export async function screenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await settle(page);
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: options.fullPage ?? false });
}

/** A phone in portrait (a mid-range Android) and a classroom projector. */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};
export const PROJECTOR = { viewport: { width: 1600, height: 900 } };
export const LAPTOP = { viewport: { width: 1280, height: 800 } };
