import { describe, expect, test } from 'vitest';
import { silentLogger } from '../../server/rooms/ports';
import { startStatsLog } from '../../server/stats-log';
import { ClientEvent as E } from '../../shared/protocol';
import { Harness } from './helpers/harness';

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('the stats log', () => {
  test('reports the actions, how long they took and the collector’s pauses, then starts afresh', async () => {
    const h = new Harness();
    const { host, created } = await h.host();
    const { student } = await h.join(created.code);
    await host.ok(E.StartRound);
    const lines: Record<string, number>[] = [];
    const logger = {
      ...silentLogger,
      info(obj: object, msg?: string) {
        if (msg === 'stats') lines.push(obj as Record<string, number>);
      },
    };
    const stop = startStatsLog(h.service, logger, 400);
    try {
      for (let i = 0; i < 5; i++) await student.act({ type: 'pop' });
      expect(h.service.actionTimes.count).toBe(5);
      // Enough short-lived garbage for the young generation to be collected at least once.
      let kept = 0;
      for (let i = 0; i < 200_000; i++) kept += new Array(32).fill(i).length;
      expect(kept).toBe(6_400_000);
      await until(() => lines.length >= 1);
      const first = lines[0]!;
      expect(first.actionsPerSecond).toBeGreaterThan(0);
      expect(first.actionP99Ms).toBeGreaterThanOrEqual(first.actionP50Ms!);
      expect(first.actionP99Ms).toBeLessThan(1_000);
      expect(first.gcPauses).toBeGreaterThanOrEqual(1);
      expect(first.gcMaxMs).toBeGreaterThan(0);
      expect(first.gcMs).toBeGreaterThanOrEqual(first.gcMaxMs! - 0.1);
      // Read and reset: the next line counts only what came after.
      expect(h.service.actionTimes.count).toBe(0);
      await until(() => lines.length >= 2);
      expect(lines[1]).toMatchObject({ actionsPerSecond: 0, actionP50Ms: 0, actionP99Ms: 0 });
    } finally {
      stop();
    }
  });
});
