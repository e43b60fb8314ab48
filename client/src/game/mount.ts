import type { BoardHandle, BoardOptions } from './types';

/** Mount the board inside `parent` (which should have a size); resolves once the scene is ready. */
export async function mountBoard(_parent: HTMLElement, _options: BoardOptions): Promise<BoardHandle> {
  throw new Error('mountBoard: not built yet');
}
