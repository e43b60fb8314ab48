/**
 * Solo runs: a student plays a level on their own device and submits the recorded run.
 * The server re-simulates it with the same rule as live play; any score the client
 * claims is ignored. The verified run is kept for replays and its score added to the
 * level's histogram, which is the answer: where the run stands, not a global rank.
 */
import type { HistogramView, ReplayView, SoloResultView, SoloSubmitPayload } from '../../shared/protocol';
import { ErrorCode } from '../../shared/protocol';
import { score } from '../../shared/sim';
import type { LevelCatalog } from '../game/level-catalog';
import { isSortedByTick, runRecorded } from '../game/run';
import { checkFreeTextNickname } from '../rooms/nicknames';
import type { Logger } from '../rooms/ports';
import { fail } from '../rooms/room-error';
import { newId } from '../rooms/tokens';
import { histogramBucket } from '../store/histogram';
import type { Histogram, RoomStore } from '../store/types';

export interface SoloDeps {
  store: RoomStore;
  catalog: LevelCatalog;
  logger: Logger;
  now: () => number;
}

export class SoloService {
  constructor(private readonly deps: SoloDeps) {}

  async submit(payload: SoloSubmitPayload): Promise<SoloResultView> {
    const level = this.deps.catalog.byId(payload.levelId);
    if (!level) fail(ErrorCode.UnknownLevel, `There is no level "${payload.levelId}".`);
    if (!isSortedByTick(payload.actions))
      fail(ErrorCode.BadPayload, 'The actions of a run must be in tick order.');
    const state = runRecorded(level, payload.seed, payload.actions, level.timeLimit);
    const breakdown = score(state);
    const nickname = payload.nickname === undefined ? null : checkFreeTextNickname(payload.nickname);
    const id = newId();
    await this.deps.store.saveSoloRun({
      id,
      levelId: level.id,
      seed: payload.seed,
      actions: payload.actions.filter((entry) => entry.tick <= state.tick),
      score: breakdown.total,
      stars: breakdown.stars,
      nickname: nickname?.ok ? nickname.nickname : 'Anonymous',
      createdAt: this.deps.now(),
    });
    const histogram = await this.deps.store.recordSoloScore(level.id, breakdown.total);
    if (payload.claimedScore !== undefined && payload.claimedScore !== breakdown.total) {
      this.deps.logger.info(
        { levelId: level.id, claimed: payload.claimedScore, verified: breakdown.total },
        'claimed score ignored',
      );
    }
    const bucket = histogramBucket(breakdown.total, histogram.bucketSize);
    return {
      runId: id,
      levelId: level.id,
      score: breakdown.total,
      stars: breakdown.stars,
      breakdown,
      status: state.status,
      histogram: toView(histogram),
      bucket,
      below: shareBelow(histogram, bucket),
    };
  }

  async histogram(levelId: string): Promise<HistogramView> {
    if (!this.deps.catalog.byId(levelId)) fail(ErrorCode.UnknownLevel, `There is no level "${levelId}".`);
    return toView(await this.deps.store.getHistogram(levelId));
  }

  async run(runId: string): Promise<ReplayView> {
    const run = await this.deps.store.getSoloRun(runId);
    if (!run) fail(ErrorCode.UnknownRun, 'No such run (runs expire after a day).');
    const level = this.deps.catalog.byId(run.levelId);
    return {
      round: -1,
      label: 'Solo run',
      level: { kind: 'level', levelId: run.levelId },
      timeLimit: level?.timeLimit ?? 0,
      seed: run.seed,
      actions: run.actions,
      score: run.score,
      stars: run.stars,
    };
  }
}

function toView(histogram: Histogram): HistogramView {
  return {
    levelId: histogram.levelId,
    bucketSize: histogram.bucketSize,
    buckets: histogram.buckets,
    total: histogram.total,
  };
}

/** Share of recorded runs in buckets strictly below `bucket`. */
function shareBelow(histogram: Histogram, bucket: number): number {
  if (histogram.total === 0) return 0;
  let below = 0;
  for (let i = 0; i < bucket; i++) below += histogram.buckets[i] ?? 0;
  return below / histogram.total;
}
