/**
 * Wraps a board so the shell sees what the local loops (solo play, replays,
 * demonstrations) show on it: every state goes through `narrate()` into the ARIA live
 * region, and the side panel can follow the score, without the loops knowing about it.
 */
import type { GameState, SimEvent } from '../../../shared/sim/types';
import type { BoardHandle } from '../game';
import { announce } from './live-region';

export interface MirrorHooks {
  onState?: (state: GameState, events: SimEvent[]) => void;
  onNarration?: (text: string) => void;
  narrate: (events: SimEvent[], state: GameState) => string[];
  /**
   * What the board draws instead of the given state (e.g. a round's game shown with its
   * level's own time limit). The clock then follows the shown level too.
   */
  display?: (state: GameState) => GameState;
}

/** Ticks per second of every recorded run (the simulator's default rate). */
const TICKS_PER_SECOND = 10;

export function mirrorBoard(board: BoardHandle, hooks: MirrorHooks): BoardHandle {
  let shown: GameState | null = null;
  return {
    setState(state, events) {
      shown = hooks.display ? hooks.display(state) : state;
      board.setState(shown, events);
      for (const line of hooks.narrate(events, shown)) announce(line);
      hooks.onState?.(state, events);
    },
    setClock(info) {
      if (hooks.display && shown && info.secondsLeft !== null) {
        const left = Math.ceil((shown.level.timeLimit - shown.tick) / TICKS_PER_SECOND);
        board.setClock({ ...info, secondsLeft: Math.max(0, left) });
      } else {
        board.setClock(info);
      }
    },
    setNarration(text) {
      board.setNarration(text);
      if (text) announce(text);
      hooks.onNarration?.(text);
    },
    flash(text) {
      board.flash(text);
      announce(text);
    },
    showIntro: () => board.showIntro(),
    setHandlers: (handlers) => board.setHandlers(handlers),
    destroy: () => board.destroy(),
  };
}
