/**
 * A read-only window onto the app for browser tests and the benchmark, beside the
 * board's own `window.__arena.board`: which screen is up, the connection, the prediction.
 * Tests wait on it instead of sleeping; nothing in the app reads it.
 */
export interface AppHook {
  screen: string;
  phase?: string;
  connection?: 'connecting' | 'online' | 'offline';
  latencyMs?: number | null;
  nickname?: string;
  roomCode?: string;
  lastSeqSent?: number;
  mismatches?: number;
  [key: string]: unknown;
}

interface ArenaWindow {
  __arena?: { app?: AppHook; [key: string]: unknown };
}

export function setAppHook(patch: Partial<AppHook>): void {
  const w = window as unknown as ArenaWindow;
  w.__arena ??= {};
  w.__arena.app = { screen: 'home', ...w.__arena.app, ...patch };
}
