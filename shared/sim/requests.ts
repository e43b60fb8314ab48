/**
 * Raising and servicing requests: the points a serviced request earns, whether a place
 * request has become a MemoryError, and what happens when an op completes.
 */

import { advance } from './cursors';
import type { Draft } from './draft';
import { firstFit, heapLayout } from './heap';
import { analyse } from './references';
import type { Request } from './types';

export const SERVICE_POINTS = 100;
export const SPEED_POINTS = 50;

type PlaceRequest = Extract<Request, { kind: 'place' }>;

export function raiseRequest(d: Draft, request: Request): void {
  d.setRequest(request);
  d.emit({ type: 'request', request });
}

/** Speed bonus for a request that waited `waited` ticks: full at once, nothing from `grace` on. */
export function speedPoints(waited: number, grace: number): number {
  return Math.floor((SPEED_POINTS * Math.max(0, grace - waited)) / grace);
}

/**
 * Counts the pending request as serviced now and clears it. A container's move that came
 * alone earns nothing: it exists only because of where the player put the container.
 */
export function service(d: Draft): void {
  const request = d.state.request;
  if (!request) return;
  const waited = Math.max(0, d.state.tick - request.since);
  if (request.kind === 'place' && request.resize?.alone) {
    d.emit({ type: 'serviced', request: request.kind, points: 0, waited });
    d.setRequest(null);
    return;
  }
  const speed = speedPoints(waited, d.state.level.grace);
  const tally = d.tally();
  tally.serviced++;
  tally.speedPoints += speed;
  d.emit({ type: 'serviced', request: request.kind, points: SERVICE_POINTS + speed, waited });
  d.setRequest(null);
}

/** True when some waiting object fits in no free run and there is no garbage left to free. */
export function isOutOfMemory(d: Draft, request: PlaceRequest): boolean {
  const { objects } = d.state;
  const layout = heapLayout(objects);
  const heapBytes = d.state.level.machine.heapBytes;
  const stuck = request.objectIds.some((id) => firstFit(layout, objects[id]?.size ?? 0, heapBytes) === null);
  return stuck && analyse(d.state).garbage.length === 0;
}

/**
 * Re-evaluates a place request's MemoryError flag after the heap changed. A flip is the
 * same request changing (`request-changed`), not a new one: listeners counting `request`
 * events count requests.
 */
export function refreshOutOfMemory(d: Draft): void {
  const request = d.state.request;
  if (request?.kind !== 'place') return;
  const outOfMemory = isOutOfMemory(d, request);
  if (outOfMemory === request.outOfMemory) return;
  const changed: PlaceRequest = { ...request, outOfMemory };
  d.setRequest(changed);
  d.emit({ type: 'request-changed', request: changed });
}

export function raisePlace(
  d: Draft,
  objectIds: string[],
  line: number,
  bind: PlaceRequest['bind'],
  resize: PlaceRequest['resize'],
): void {
  const request: PlaceRequest = {
    kind: 'place',
    objectIds,
    line,
    since: d.state.tick,
    outOfMemory: false,
    bind,
    resize,
  };
  d.setRequest(request);
  request.outOfMemory = isOutOfMemory(d, request);
  d.emit({ type: 'request', request });
}

/** Ends the game as complete when the program has run its last op and nothing is pending. */
export function finishIfDone(d: Draft): void {
  const s = d.state;
  if (s.status !== 'running' || !s.program.done || s.request) return;
  d.set('status', 'complete');
  d.set('completedAt', s.tick);
  d.emit({ type: 'complete', tick: s.tick });
}

/** The op under the cursor has completed: temporaries of earlier ops go, the next op is due after `pace`. */
export function completeOp(d: Draft, keepTemps: string[] = []): void {
  d.setTemps(keepTemps);
  const program = d.program();
  advance(d.state.level, program);
  program.nextOpAt = d.state.tick + d.state.level.pace;
  finishIfDone(d);
}
