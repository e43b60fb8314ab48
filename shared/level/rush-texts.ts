/** What a rush level says before and after, written for a 14-year-old. */
import type { Rng } from './rush-random';

export interface RushTextFacts {
  seed: number;
  rounds: number;
  difficulty: 1 | 2 | 3;
  recursionLimit: number;
  dive: string;
}

const OPENERS = [
  'Rush time! A Python program is about to run flat out, and you are its memory.',
  'Ready? This program will not wait for anyone, and you are the one who manages its memory.',
  'Welcome to the rush. Everything you have learnt about memory, all at once, against the clock.',
] as const;

const SIGN_OFFS = [
  'That was the whole lesson in one run. Well played!',
  'You just did by hand what Python does millions of times a second.',
  'Rush over. Check your score, then try to beat it with the same seed.',
] as const;

export function rushTexts(rng: Rng, facts: RushTextFacts): { intro: string[]; outro: string[] } {
  const stages =
    facts.rounds === 1
      ? 'one fast stage'
      : `${facts.rounds} stages, and every stage is faster than the one before`;
  const intro = [
    `${rng.pick(OPENERS)} Rush #${facts.seed} has ${stages}.`,
    'Push a frame when a function is called and pop it when it returns. Place every new object in free heap cells: strings, big ints, lists, tuples and dicts all live there. Small ints, None, True, False and name-like strings such as "Ada" live on the shelf and are never placed.',
    'Watch the reference counts. When nothing can reach an object any more (after del, = None or a rebinding) it is garbage: free it quickly, because garbage costs points every tick. Two objects that point at each other are a cycle: free them together.',
    `The recursion limit is ${facts.recursionLimit} frames. When ${facts.dive}() tries to go deeper, do not push: raise RecursionError.`,
    'Some lines ask what print(a is b) shows. "is" asks: same object, same address?',
  ];
  const outro = [
    rng.pick(SIGN_OFFS),
    'Remember: a name is a reference, not a box. b = a gives one object two names, and a change through b shows through a. A copy is a new object.',
    'Python keeps one copy of each small int from -5 to 256, so those are always "is"-equal. Bigger ints made while the program runs are new objects each time.',
    'Reference counting frees most garbage the moment its count hits 0, but a cycle keeps its counts above 0. That is why Python also has a cycle collector.',
  ];
  if (facts.difficulty < 3) {
    outro.push(`Want a tougher rush? Try difficulty ${facts.difficulty + 1}: faster, tighter, deeper.`);
  }
  return { intro, outro };
}
