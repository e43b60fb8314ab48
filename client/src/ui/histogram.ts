/**
 * Where a score stands among all verified runs of a level: a bar chart of the
 * distribution with the player's own bucket marked, and the same in words.
 */
import type { SoloResultView } from '../../../shared/protocol';
import { h } from './dom';

export function renderHistogram(result: SoloResultView): HTMLElement {
  const { histogram, bucket, below } = result;
  const max = Math.max(1, ...histogram.buckets);
  const betterThan = Math.round(below * 100);
  return h(
    'figure',
    { class: 'stack', 'data-testid': 'histogram' },
    h(
      'div',
      { class: 'histogram', 'aria-hidden': 'true' },
      histogram.buckets.map((count, i) =>
        h('span', {
          class: i === bucket ? 'you' : '',
          style: `height:${Math.max(2, Math.round((count / max) * 100))}%`,
          title: `${i * histogram.bucketSize}–${(i + 1) * histogram.bucketSize - 1}: ${count} runs`,
        }),
      ),
    ),
    h(
      'figcaption',
      { 'data-testid': 'histogram-caption' },
      histogram.total <= 1
        ? `Your verified score is ${result.score}: the first verified run of this level.`
        : `Your verified score ${result.score} is higher than ${betterThan}% of the ${histogram.total} verified runs of this level.`,
    ),
  );
}
