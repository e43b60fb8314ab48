/**
 * Score distribution of a level, shared by both stores: a verified score falls in bucket
 * floor(score / bucketSize); the last bucket is open-ended so a freak score cannot make the
 * histogram (and the reply sent to every solo player) arbitrarily long.
 */
import type { Histogram } from './types';

export const DEFAULT_HISTOGRAM_BUCKET_SIZE = 100;
export const MAX_HISTOGRAM_BUCKETS = 1000;

export function histogramBucket(score: number, bucketSize: number): number {
  if (!Number.isFinite(score) || score <= 0) return 0;
  return Math.min(Math.floor(score / bucketSize), MAX_HISTOGRAM_BUCKETS - 1);
}

/** Builds the dense histogram from sparse counts keyed by bucket index (as Redis returns a hash). */
export function buildHistogram(
  levelId: string,
  bucketSize: number,
  counts: Readonly<Record<string, string | number>>,
): Histogram {
  const buckets: number[] = [];
  let total = 0;
  for (const [key, raw] of Object.entries(counts)) {
    const index = Number(key);
    const count = Number(raw);
    if (!Number.isInteger(index) || index < 0 || index >= MAX_HISTOGRAM_BUCKETS || !(count > 0)) continue;
    while (buckets.length <= index) buckets.push(0);
    buckets[index] = count;
    total += count;
  }
  return { levelId, bucketSize, buckets, total };
}
