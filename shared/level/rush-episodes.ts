/**
 * The episodes a rush stage is made of: a few lines of module code each, written with
 * the ops they run. Each has a calm form (one object per line, a narrating `print`) and
 * denser forms (several objects per line, containers inside containers, temporaries):
 * that is how a rush speeds up although `pace`, the time between ops, is one number.
 */
import {
  dictCycleEpisode,
  listCycleEpisode,
  nestedCallEpisode,
  recursionEpisode,
  tangleEpisode,
} from './rush-episodes-cycles';
import {
  aliasEpisode,
  allocEpisode,
  burstEpisode,
  rebindEpisode,
  smallIntEpisode,
} from './rush-episodes-heap';
import type { Scene } from './rush-scene';

export type EpisodeKind =
  | 'alloc'
  | 'alias'
  | 'rebind'
  | 'list-cycle'
  | 'dict-cycle'
  | 'nested-call'
  | 'tangle'
  | 'small-int'
  | 'recursion'
  | 'burst';

/** Episodes every rush level contains, so that every mechanic is played at least once. */
export const REQUIRED_EPISODES: readonly EpisodeKind[] = [
  'alloc',
  'alias',
  'rebind',
  'list-cycle',
  'dict-cycle',
  'nested-call',
  'tangle',
  'small-int',
  'recursion',
];

/** Episodes a stage may add when it has lines to spare. */
export const EXTRA_EPISODES: readonly EpisodeKind[] = ['alloc', 'nested-call', 'tangle', 'burst', 'alias'];
/** Extras for the faster stages: the ones that ask the most placements per line. */
export const DENSE_EXTRAS: readonly EpisodeKind[] = ['alloc', 'burst', 'rebind', 'small-int', 'nested-call'];

/** Source lines an episode takes at most (the listing has a budget). */
export const EPISODE_MAX_LINES: Record<EpisodeKind, number> = {
  alloc: 6,
  alias: 6,
  rebind: 6,
  'list-cycle': 5,
  'dict-cycle': 5,
  'nested-call': 3,
  tangle: 2,
  'small-int': 6,
  recursion: 4,
  burst: 2,
};

export function writeEpisode(s: Scene, kind: EpisodeKind): void {
  EPISODES[kind](s);
}

const EPISODES: Record<EpisodeKind, (s: Scene) => void> = {
  alloc: allocEpisode,
  alias: aliasEpisode,
  rebind: rebindEpisode,
  'list-cycle': listCycleEpisode,
  'dict-cycle': dictCycleEpisode,
  'nested-call': nestedCallEpisode,
  tangle: tangleEpisode,
  'small-int': smallIntEpisode,
  recursion: recursionEpisode,
  burst: burstEpisode,
};
