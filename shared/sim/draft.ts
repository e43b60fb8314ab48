/**
 * Copy-on-write editing of a game state. A transition (one step or one action) opens a
 * Draft, changes what it needs and finishes it: every part it did not touch is shared
 * with the input state by reference, and the input state is never mutated.
 */
import type { Concept } from '../level/schema';
import { forgetLayout } from './heap';
import { forgetAnalysis } from './references';
import { forgetStackBytes } from './stack';
import type { Frame, GameState, Request, SimEvent, SimObject, Tally } from './types';

export class Draft {
  readonly base: GameState;
  readonly events: SimEvent[] = [];
  private readonly s: GameState;
  private objectsOwned = false;
  private stackOwned = false;
  private readonly framesOwned = new Set<number>();
  private tallyOwned = false;
  private programOwned = false;
  private aliasesOwned = false;

  constructor(base: GameState) {
    this.base = base;
    this.s = { ...base };
  }

  /** The state as edited so far (read it, never write through it). */
  get state(): GameState {
    return this.s;
  }

  finish(): GameState {
    return this.s;
  }

  emit(event: SimEvent): void {
    this.events.push(event);
  }

  // ------------------------------------------------------------- objects

  object(id: string): SimObject | undefined {
    return this.s.objects[id];
  }

  /**
   * The objects record, copied the first time it is edited. Derived data cached mid-transition
   * for the copy is dropped on every edit, since the copy is edited in place.
   */
  private ownObjects(): Record<string, SimObject> {
    if (!this.objectsOwned) {
      this.s.objects = { ...this.s.objects };
      this.objectsOwned = true;
    } else {
      forgetLayout(this.s.objects);
      forgetAnalysis(this.s.objects);
    }
    return this.s.objects;
  }

  putObject(obj: SimObject): void {
    this.ownObjects()[obj.id] = obj;
  }

  removeObject(id: string): void {
    delete this.ownObjects()[id];
  }

  // ------------------------------------------------------------- stack

  get depth(): number {
    return this.s.stack.length;
  }

  frame(index: number): Frame {
    return this.s.stack[index]!;
  }

  private ownStack(): Frame[] {
    if (!this.stackOwned) {
      this.s.stack = this.s.stack.slice();
      this.stackOwned = true;
    } else {
      forgetAnalysis(this.s.objects);
      forgetStackBytes(this.s.stack);
    }
    return this.s.stack;
  }

  /** The frame at `index`, copied (with its locals) the first time it is edited. */
  private ownFrame(index: number): Frame {
    const stack = this.ownStack();
    if (!this.framesOwned.has(index)) {
      const frame = stack[index]!;
      stack[index] = { ...frame, locals: { ...frame.locals } };
      this.framesOwned.add(index);
    }
    return stack[index]!;
  }

  bindLocal(index: number, name: string, objectId: string): void {
    this.ownFrame(index).locals[name] = objectId;
  }

  unbindLocal(index: number, name: string): boolean {
    if (!(name in this.s.stack[index]!.locals)) return false;
    delete this.ownFrame(index).locals[name];
    return true;
  }

  pushFrame(frame: Frame): void {
    const stack = this.ownStack();
    stack.push(frame);
    this.framesOwned.add(stack.length - 1);
  }

  popFrame(): Frame {
    const stack = this.ownStack();
    const frame = stack.pop()!;
    this.framesOwned.delete(stack.length);
    return frame;
  }

  // ------------------------------------------------------------- the rest

  tally(): Tally {
    if (!this.tallyOwned) {
      this.s.tally = { ...this.s.tally, mistakes: { ...this.s.tally.mistakes } };
      this.tallyOwned = true;
    }
    return this.s.tally;
  }

  program(): GameState['program'] {
    if (!this.programOwned) {
      this.s.program = { ...this.s.program, cursors: this.s.program.cursors.map((c) => ({ ...c })) };
      this.programOwned = true;
    }
    return this.s.program;
  }

  setAlias(levelId: string, runtimeId: string): void {
    if ((this.s.aliases[levelId] ?? levelId) === runtimeId) return;
    if (!this.aliasesOwned) {
      this.s.aliases = { ...this.s.aliases };
      this.aliasesOwned = true;
    }
    if (runtimeId === levelId) delete this.s.aliases[levelId];
    else this.s.aliases[levelId] = runtimeId;
  }

  setRequest(request: Request | null): void {
    this.s.request = request;
  }

  setTemps(temps: string[]): void {
    if (temps.length === 0 && this.s.temps.length === 0) return;
    this.s.temps = temps;
  }

  set<K extends 'tick' | 'status' | 'crash' | 'raising' | 'nextObjectNumber' | 'completedAt' | 'rng'>(
    key: K,
    value: GameState[K],
  ): void {
    this.s[key] = value;
  }

  mistake(concept: Concept, message: string): void {
    const tally = this.tally();
    tally.mistakes[concept] = (tally.mistakes[concept] ?? 0) + 1;
    this.emit({ type: 'mistake', concept, message });
  }

  crash(kind: NonNullable<GameState['crash']>['kind'], message: string): void {
    this.s.status = 'crashed';
    this.s.crash = { kind, message };
    this.emit({ type: 'crash', kind, message });
  }
}
