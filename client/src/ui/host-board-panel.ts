/**
 * A board on the projector: one student's game live ('watch' mode), or an anonymised
 * replay of a run with its controls. The Phaser board is loaded the first time it is needed.
 */
import type { Level } from '../../../shared/level/schema';
import type { ReplayView, WatchView } from '../../../shared/protocol';
import type { BoardHandle, ReplayPlayer } from '../game';
import { levelFromRef } from '../levels';
import { displayState } from '../score';
import { mirrorBoard } from './board-mirror';
import { button, h, replace } from './dom';
import { replayControls } from './replay-controls';

export class HostBoardPanel {
  private readonly title = h('h2', { id: 'hb-title' });
  private readonly note = h('p', { class: 'muted', 'data-testid': 'host-board-note' });
  private readonly boardHost = h('div', { class: 'board-host watch-host', 'data-testid': 'host-board' });
  private readonly controls = h('div', {});
  private board: BoardHandle | null = null;
  private player: ReplayPlayer | null = null;
  private watching: { playerId: string; level: Level } | null = null;
  readonly element: HTMLElement;

  constructor(private readonly onClose: () => void) {
    this.element = h(
      'section',
      { class: 'card stack', 'aria-labelledby': 'hb-title', hidden: true, 'data-testid': 'host-board-panel' },
      h(
        'div',
        { class: 'row' },
        this.title,
        h('span', { class: 'spacer' }),
        button('Close', () => this.close(), { 'data-testid': 'close-board' }),
      ),
      this.note,
      this.boardHost,
      this.controls,
    );
  }

  get watchedPlayer(): string | null {
    return this.watching?.playerId ?? null;
  }

  private async mount(mode: 'watch' | 'replay'): Promise<BoardHandle> {
    this.destroyBoard();
    this.element.hidden = false;
    const game = await import('../game');
    const board = await game.mountBoard(this.boardHost, { mode, showOutro: false });
    this.board = board;
    return board;
  }

  async watch(_playerId: string, nickname: string, first: WatchView | null): Promise<void> {
    this.title.textContent = `Watching ${nickname}`;
    this.note.textContent = 'Live: this is what their screen shows now.';
    replace(this.controls);
    this.watching = null;
    await this.mount('watch');
    if (first) this.applyWatch(first);
  }

  applyWatch(view: WatchView): void {
    if (!this.board) return;
    if (!this.watching || this.watching.playerId !== view.playerId) {
      this.watching = { playerId: view.playerId, level: levelFromRef(view.level) };
    }
    const state = displayState({ ...view.state, level: this.watching.level }, this.watching.level);
    this.board.setState(state, []);
    this.note.textContent = `Live · score ${view.score.total} · attempt ${view.attempt + 1}`;
  }

  async replay(view: ReplayView): Promise<void> {
    this.watching = null;
    this.title.textContent = `Replay: ${view.label}`;
    this.note.textContent = `Score ${view.score} · ${'★'.repeat(view.stars) || 'no stars'}`;
    const board = await this.mount('replay');
    const game = await import('../game');
    const level = levelFromRef(view.level);
    const played = { ...level, timeLimit: view.timeLimit };
    const mirrored = mirrorBoard(board, { narrate: game.narrate, display: (s) => displayState(s, level) });
    this.player = new game.ReplayPlayer(played, view.seed, view.actions, mirrored);
    replace(this.controls, replayControls(this.player));
  }

  close(): void {
    this.destroyBoard();
    this.element.hidden = true;
    this.watching = null;
    this.onClose();
  }

  private destroyBoard(): void {
    this.player?.pause();
    this.player = null;
    this.board?.destroy();
    this.board = null;
    replace(this.controls);
  }
}
