/**
 * Solo runs and the server: a finished run is submitted (the server re-simulates it and
 * never trusts a score sent with it) and the answer says where the score stands among
 * every verified run of the level. Solo play works offline; only this needs the server.
 */
import type { HistogramView, SoloResultView } from '../../../shared/protocol';
import { SoloEvent } from '../../../shared/protocol';
import type { TimedAction } from '../../../shared/sim/types';
import { closeSocket, getSocket, whenConnected } from './connection';
import { request } from './socket';

export async function submitSoloRun(
  levelId: string,
  seed: number,
  actions: TimedAction[],
  nickname?: string,
): Promise<SoloResultView> {
  const socket = getSocket();
  await whenConnected(socket, 6_000);
  const reply = await request(socket, SoloEvent.Submit, {
    levelId,
    seed,
    actions,
    ...(nickname ? { nickname } : {}),
  });
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.data;
}

export async function fetchHistogram(levelId: string): Promise<HistogramView> {
  const socket = getSocket();
  await whenConnected(socket, 6_000);
  const reply = await request(socket, SoloEvent.Histogram, { levelId });
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.data;
}

/** Solo screens hold no seat: their connection is let go when they close. */
export function releaseSoloConnection(): void {
  closeSocket();
}
