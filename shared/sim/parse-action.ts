/**
 * Validating a player's action from untrusted input (a socket message, a test, a bot).
 * `ActionSchema` is the zod contract (for the protocol and documentation); `parseAction`
 * checks exactly the same rules by hand, because it runs on every action and zod's error
 * path costs microseconds. A property test keeps the two in agreement.
 */
import { z } from 'zod';
import type { Action } from './types';

const ID_MAX = 120;
const FN_MAX = 40;
const ADDRESS_MAX = 1 << 24;
const FREE_MAX = 1000;
const ERRORS = ['RecursionError', 'MemoryError'] as const;

const Id = z.string().min(1).max(ID_MAX);

export const ActionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('push'), fn: z.string().min(1).max(FN_MAX) }),
  z.strictObject({ type: z.literal('pop') }),
  z.strictObject({
    type: z.literal('place'),
    objectId: Id,
    address: z.number().int().min(0).max(ADDRESS_MAX),
  }),
  z.strictObject({ type: z.literal('free'), objectIds: z.array(Id).min(1).max(FREE_MAX) }),
  z.strictObject({ type: z.literal('raise'), error: z.enum(ERRORS) }),
  z.strictObject({ type: z.literal('answer'), option: z.number().int().min(0).max(3) }),
]);

export type ParseActionResult = { ok: true; action: Action } | { ok: false; reason: string };

const KEYS: Record<Action['type'], string[]> = {
  push: ['type', 'fn'],
  pop: ['type'],
  place: ['type', 'objectId', 'address'],
  free: ['type', 'objectIds'],
  raise: ['type', 'error'],
  answer: ['type', 'option'],
};

const bad = (reason: string): ParseActionResult => ({ ok: false, reason: `Not a valid action: ${reason}` });

function isText(v: unknown, max: number): v is string {
  return typeof v === 'string' && v.length >= 1 && v.length <= max;
}

/** A safe integer in [min, max] (also used by the protocol's hand-written payload check). */
export function isWhole(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max;
}

function parseFields(input: Record<string, unknown>): ParseActionResult {
  const type = input.type;
  if (typeof type !== 'string' || !Object.hasOwn(KEYS, type)) return bad('type: unknown action type');
  const allowed = KEYS[type as Action['type']];
  for (const key in input) if (!allowed.includes(key)) return bad(`${key}: unexpected field`);
  switch (type as Action['type']) {
    case 'push':
      return isText(input.fn, FN_MAX)
        ? { ok: true, action: { type: 'push', fn: input.fn } }
        : bad('fn: a function name');
    case 'pop':
      return { ok: true, action: { type: 'pop' } };
    case 'place':
      if (!isText(input.objectId, ID_MAX)) return bad('objectId: an object id');
      if (!isWhole(input.address, 0, ADDRESS_MAX)) return bad('address: a whole number of bytes from 0');
      return { ok: true, action: { type: 'place', objectId: input.objectId, address: input.address } };
    case 'free': {
      const ids = input.objectIds;
      if (!Array.isArray(ids) || ids.length < 1 || ids.length > FREE_MAX)
        return bad('objectIds: a list of object ids');
      for (const id of ids) if (!isText(id, ID_MAX)) return bad('objectIds: a list of object ids');
      return { ok: true, action: { type: 'free', objectIds: ids.slice() as string[] } };
    }
    case 'raise':
      return input.error === 'RecursionError' || input.error === 'MemoryError'
        ? { ok: true, action: { type: 'raise', error: input.error } }
        : bad('error: RecursionError or MemoryError');
    case 'answer':
      return isWhole(input.option, 0, 3)
        ? { ok: true, action: { type: 'answer', option: input.option } }
        : bad('option: 0, 1, 2 or 3');
  }
}

export function parseAction(input: unknown): ParseActionResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return bad('an object with a type');
  try {
    return parseFields(input as Record<string, unknown>);
  } catch {
    return bad('unreadable');
  }
}
