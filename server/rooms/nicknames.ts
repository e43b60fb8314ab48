/**
 * Nicknames: generated two-word names (the default, re-rollable) and, when the host
 * allows it, free text: trimmed, 1–20 characters, no control or invisible characters,
 * checked against a blocklist, unique in the room ignoring case. A nickname is always
 * stored and sent as text; clients must render it as text, never as markup.
 */
import { randomInt } from 'node:crypto';
import { NICKNAME_MAX_LENGTH, NICKNAME_MIN_LENGTH } from '../../shared/protocol';
import { ADJECTIVES, ANIMALS, BLOCKED_FRAGMENTS, BLOCKED_WORDS } from './nickname-words';

const ADJECTIVE_SET = new Set<string>(ADJECTIVES);
const ANIMAL_SET = new Set<string>(ANIMALS);
const BLOCKED_WORD_SET = new Set<string>(BLOCKED_WORDS);
/** Look-alike characters people use to slip words past a filter. */
const LOOK_ALIKES: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '!': 'i',
  '|': 'i',
  '3': 'e',
  '4': 'a',
  '@': 'a',
  '5': 's',
  $: 's',
  '7': 't',
  '8': 'b',
  '9': 'g',
};

/** Case- and width-insensitive key for "unique in the room". */
export function nicknameKey(nickname: string): string {
  return nickname.normalize('NFKC').toLowerCase();
}

/** A random "Adjective Animal" not already taken (by key) in the room; numbered when the room is very full. */
export function generateNickname(taken: ReadonlySet<string>): string {
  for (let i = 0; i < 50; i++) {
    const name = `${ADJECTIVES[randomInt(ADJECTIVES.length)]} ${ANIMALS[randomInt(ANIMALS.length)]}`;
    if (!taken.has(nicknameKey(name))) return name;
  }
  for (let n = 2; ; n++) {
    const name = `${ADJECTIVES[randomInt(ADJECTIVES.length)]} ${ANIMALS[randomInt(ANIMALS.length)]} ${n}`;
    if (name.length <= NICKNAME_MAX_LENGTH && !taken.has(nicknameKey(name))) return name;
  }
}

/** Whether a name has the generated shape, so it is allowed even when free text is not. */
export function isGeneratedNickname(name: string): boolean {
  const parts = name.split(' ');
  if (parts.length < 2 || parts.length > 3) return false;
  const [adjective, animal, number] = parts;
  if (!ADJECTIVE_SET.has(adjective ?? '') || !ANIMAL_SET.has(animal ?? '')) return false;
  return number === undefined || /^[2-9]\d{0,3}$/.test(number);
}

export type NicknameCheck = { ok: true; nickname: string } | { ok: false; reason: string };

/** Tidies and checks free text. Uniqueness is the room's job. */
export function checkFreeTextNickname(input: string): NicknameCheck {
  const nickname = input.normalize('NFC').trim().replace(/\s+/gu, ' ');
  const length = [...nickname].length;
  if (length < NICKNAME_MIN_LENGTH) return { ok: false, reason: 'A nickname needs at least one character.' };
  if (length > NICKNAME_MAX_LENGTH) {
    return { ok: false, reason: `A nickname has at most ${NICKNAME_MAX_LENGTH} characters.` };
  }
  // Control, format (zero-width, bidi overrides), unassigned and private-use characters.
  if (/\p{C}/u.test(nickname))
    return { ok: false, reason: 'A nickname cannot contain invisible characters.' };
  if (isBlocked(nickname)) return { ok: false, reason: 'Please choose a different nickname.' };
  return { ok: true, nickname };
}

export function isBlocked(nickname: string): boolean {
  const folded = nickname
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[0-9!|@$]/g, (c) => LOOK_ALIKES[c] ?? c);
  const squeezed = folded.replace(/[^a-z]/g, '');
  if (BLOCKED_FRAGMENTS.some((fragment) => squeezed.includes(fragment))) return true;
  const words = folded.split(/[^a-z]+/).filter(Boolean);
  return words.some((word) => BLOCKED_WORD_SET.has(word)) || BLOCKED_WORD_SET.has(squeezed);
}
