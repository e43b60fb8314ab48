/** Validating a player's action from untrusted input (a socket message, a test, a bot). */
import { z } from 'zod';
import type { Action } from './types';

const Id = z.string().min(1).max(120);

export const ActionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('push'), fn: z.string().min(1).max(40) }),
  z.strictObject({ type: z.literal('pop') }),
  z.strictObject({
    type: z.literal('place'),
    objectId: Id,
    address: z
      .number()
      .int()
      .min(0)
      .max(1 << 24),
  }),
  z.strictObject({ type: z.literal('free'), objectIds: z.array(Id).min(1).max(1000) }),
  z.strictObject({ type: z.literal('raise'), error: z.enum(['RecursionError', 'MemoryError']) }),
  z.strictObject({ type: z.literal('answer'), option: z.number().int().min(0).max(3) }),
]);

export type ParseActionResult = { ok: true; action: Action } | { ok: false; reason: string };

export function parseAction(input: unknown): ParseActionResult {
  try {
    const result = ActionSchema.safeParse(input);
    if (result.success) return { ok: true, action: result.data };
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return { ok: false, reason: `Not a valid action: ${where}${issue?.message ?? 'unreadable'}` };
  } catch {
    return { ok: false, reason: 'Not a valid action: unreadable' };
  }
}
