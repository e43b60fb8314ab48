/**
 * Rush episodes about the heap and names: objects of every kind, aliases and copies,
 * rebinding, `del` and `= None`, the small-int cache, bursts of nested containers.
 */
import {
  append,
  ask,
  bigInt,
  bind,
  type Expr,
  intSpec,
  line,
  make,
  named,
  narrate,
  newText,
  obj,
  type Scene,
  unbind,
} from './rush-scene';
import type { ValueSpec } from './schema';

/** One of each heap kind: a string, a big int, a tuple, a dict and a list. */
export function allocEpisode(s: Scene): void {
  const d = s.draft;
  const shout = d.freshName(['shout', 'motto', 'banner', 'caption']);
  const score = d.freshName(['score', 'points', 'total', 'prize']);
  const pair = d.freshName(['pair', 'duo', 'couple']);
  const card = d.freshName(['card', 'badge', 'profile']);
  const team = d.freshName(['team', 'roster', 'lineup']);
  const text = newText(s);
  const big = bigInt(s);
  const b = s.base.name;
  const w = s.who.name;
  const cardValue: ValueSpec = { dict: [[{ str: 'who' }, named(w)]] };
  if (s.intensity === 1) {
    line(s, `${shout} = ${text.text}`, make(obj(s, shout, { str: text.value })));
    line(s, `${score} = ${big.text}`, make(obj(s, score, intSpec(big.value))));
    line(s, `${pair} = (${shout}, ${score})`, make(obj(s, pair, { tuple: [named(shout), named(score)] })));
    line(s, `${card} = {'who': ${w}}`, make(obj(s, card, cardValue)));
    line(s, `${team} = [${b}, ${score}]`, make(obj(s, team, { list: [named(b), named(score)] })));
    narrate(s, 'Five new objects: a str, an int, a tuple, a dict and a list');
    s.leftovers.push(pair, card, team, shout);
  } else if (s.intensity === 2) {
    line(
      s,
      `${shout}, ${score} = ${text.text}, ${big.text}`,
      make(obj(s, shout, { str: text.value }), obj(s, score, intSpec(big.value))),
    );
    line(s, `${pair} = (${shout}, ${score})`, make(obj(s, pair, { tuple: [named(shout), named(score)] })));
    line(
      s,
      `${card}, ${team} = {'who': ${w}}, [${b}, ${score}]`,
      make(obj(s, card, cardValue), obj(s, team, { list: [named(b), named(score)] })),
    );
    line(s, `del ${pair}`, unbind(pair));
    narrate(s, 'Two objects per line now');
    s.leftovers.push(team, card);
  } else {
    const big2 = bigInt(s);
    line(
      s,
      `${card} = {'who': ${text.text}, 'score': ${big.text}}`,
      make(
        obj(s, card, {
          dict: [
            [{ str: 'who' }, { str: text.value }],
            [{ str: 'score' }, intSpec(big.value)],
          ],
        }),
      ),
    );
    line(
      s,
      `${team} = [${card}, (${b}, ${big2.text})]`,
      make(obj(s, team, { list: [named(card), { tuple: [named(b), intSpec(big2.value)] }] })),
    );
    line(s, `del ${card}`, unbind(card));
    s.leftovers.push(team);
  }
}

/** Two names, one list: an append through one name shows through the other; a copy is a new object. */
export function aliasEpisode(s: Scene): void {
  const d = s.draft;
  const crew = d.freshName(['crew', 'gang', 'band', 'club']);
  const squad = d.freshName(['squad', 'party', 'troop', 'posse']);
  const b = s.base;
  const w = s.who;
  const sameList = ask(
    `${squad} is ${crew}`,
    true,
    `True: ${squad} = ${crew} copied the reference, not the list. One list, two names, so the append through ${squad} changed ${crew} too.`,
    'references',
  );
  const newList = (a: string, other: string) =>
    ask(
      `${a} is ${other}`,
      false,
      `False: a copy is a new list at its own address. Same items, different object, so is says False.`,
      'identity',
    );
  if (s.intensity === 1) {
    line(s, `${crew} = [${b.name}, ${w.name}]`, make(obj(s, crew, { list: [named(b.name), named(w.name)] })));
    line(s, `${squad} = ${crew}`, bind(squad, named(crew)));
    line(s, `${squad}.append(${b.name} + 1)`, append(squad, { int: b.value + 1 }));
    line(s, `print(${squad} is ${crew})`, sameList);
    if (s.rng.chance(0.5)) {
      const spare = d.freshName(['spare', 'backup', 'clone']);
      const items = [named(b.name), named(w.name), { int: b.value + 1 }];
      line(s, `${spare} = ${crew}.copy()`, make(obj(s, spare, { list: items, capacity: 3 })));
      line(s, `print(${spare} is ${crew})`, newList(spare, crew));
      s.leftovers.push(spare);
    }
    s.leftovers.push(crew);
    return;
  }
  // Brisk and full rush: the appended item is a new string, and two copies are made at once.
  const extra = d.freshName(['extra', 'newcomer', 'rookie']);
  const text: Expr<string> = { text: `${w.name} + ' & co'`, value: `${w.value} & co` };
  line(
    s,
    `${crew}, ${extra} = [${b.name}, ${w.name}], ${text.text}`,
    make(obj(s, crew, { list: [named(b.name), named(w.name)] }), obj(s, extra, { str: text.value })),
  );
  line(
    s,
    `${squad} = ${crew}; ${squad}.append(${extra})`,
    bind(squad, named(crew)),
    append(squad, named(extra)),
  );
  line(s, `print(${squad} is ${crew})`, sameList);
  const spare = d.freshName(['spare', 'backup', 'clone']);
  const items = [named(b.name), named(w.name), named(extra)];
  if (s.intensity === 2) {
    line(s, `${spare} = ${crew}.copy()`, make(obj(s, spare, { list: items, capacity: 3 })));
    line(s, `print(${spare} is ${crew})`, newList(spare, crew));
    s.leftovers.push(spare, crew);
  } else {
    const twin = d.freshName(['twin', 'mirror', 'double']);
    line(
      s,
      `${spare}, ${twin} = ${crew}.copy(), ${crew}[:]`,
      make(obj(s, spare, { list: items, capacity: 3 }), obj(s, twin, { list: items, capacity: 3 })),
    );
    line(s, `print(${spare} is ${twin})`, newList(spare, twin));
    s.leftovers.push(spare, twin, crew);
  }
}

/** Rebinding a name, `del` and `= None`: each drops a reference and leaves garbage to free. */
export function rebindEpisode(s: Scene): void {
  const d = s.draft;
  const temp = d.freshName(['temp', 'scratch', 'draft', 'tmp']);
  const blob = d.freshName(['blob', 'note', 'memo', 'label']);
  const b = s.base.name;
  const text = newText(s);
  const big = { text: `${b} * 99`, value: BigInt(s.base.value) * 99n };
  if (s.intensity === 1) {
    line(s, `${temp} = [${b}, ${b}]`, make(obj(s, temp, { list: [named(b), named(b)] })));
    line(s, `${temp} = ${big.text}`, make(obj(s, temp, intSpec(big.value))));
    line(s, `${blob} = ${text.text}`, make(obj(s, blob, { str: text.value })));
    line(s, `del ${temp}`, unbind(temp));
    line(s, `${blob} = None`, bind(blob, { none: true }));
    narrate(s, 'Nothing points at those objects any more: garbage!');
    return;
  }
  if (s.intensity === 2) {
    line(
      s,
      `${temp}, ${blob} = [${b}, ${b}], ${text.text}`,
      make(obj(s, temp, { list: [named(b), named(b)] }), obj(s, blob, { str: text.value })),
    );
    line(s, `${temp} = ${big.text}`, make(obj(s, temp, intSpec(big.value))));
  } else {
    line(
      s,
      `${temp}, ${blob} = [${b}, (${b}, ${b})], ${text.text}`,
      make(
        obj(s, temp, { list: [named(b), { tuple: [named(b), named(b)] }] }),
        obj(s, blob, { str: text.value }),
      ),
    );
    const big2 = bigInt(s);
    line(
      s,
      `${temp} = [${big.text}, ${big2.text}]`,
      make(obj(s, temp, { list: [intSpec(big.value), intSpec(big2.value)] })),
    );
  }
  line(s, `del ${temp}; ${blob} = None`, unbind(temp), bind(blob, { none: true }));
}

/** `is` on small ints (one shared object each) and on bigger ones (a new object each time). */
export function smallIntEpisode(s: Scene): void {
  const d = s.draft;
  const b = s.base;
  const edge = s.rng.chance(0.5);
  const small = edge ? 256 : s.rng.int(200, 255);
  const big = edge ? { text: `${b.name} + ${257 - b.value}`, value: 257n } : bigInt(s);
  const smallText = `${b.name} + ${small - b.value}`;
  const sameSmall = (expr: string) =>
    ask(
      expr,
      true,
      `True: ${small} is a small int (-5..256). Python made it once at start-up and every ${small} is that one object on the shelf.`,
      'identity',
    );
  const why = big.value === 257n ? '257 is just past the cache' : `${big.value} is too big for the cache`;
  const twoBig = (expr: string) =>
    ask(expr, false, `False: ${why}, so each one is a new int object with its own address.`, 'identity');
  if (s.intensity === 3) {
    const smalls = d.freshName(['smalls', 'little_pair', 'tiny_pair']);
    const bigs = d.freshName(['bigs', 'large_pair', 'huge_pair']);
    line(
      s,
      `${smalls} = (${smallText}, ${smallText})`,
      make(obj(s, smalls, { tuple: [{ int: small }, { int: small }] })),
    );
    line(s, `print(${smalls}[0] is ${smalls}[1])`, sameSmall(`${smalls}[0] is ${smalls}[1]`));
    line(
      s,
      `${bigs} = (${big.text}, ${big.text})`,
      make(obj(s, bigs, { tuple: [intSpec(big.value), intSpec(big.value)] })),
    );
    line(s, `print(${bigs}[0] is ${bigs}[1])`, twoBig(`${bigs}[0] is ${bigs}[1]`));
    s.leftovers.push(smalls, bigs);
    return;
  }
  const [x1, x2] = [d.freshName(['lo', 'low', 'tiny']), d.freshName(['lo_again', 'low_again', 'tiny_again'])];
  const [y1, y2] = [
    d.freshName(['hi', 'high', 'huge']),
    d.freshName(['hi_again', 'high_again', 'huge_again']),
  ];
  const bigObjects = () => [obj(s, y1, intSpec(big.value)), obj(s, y2, intSpec(big.value))];
  if (s.intensity === 1) {
    line(s, `${x1} = ${smallText}`, bind(x1, { int: small }));
    line(s, `${x2} = ${smallText}`, bind(x2, { int: small }));
    line(s, `print(${x1} is ${x2})`, sameSmall(`${x1} is ${x2}`));
    const [o1, o2] = bigObjects();
    line(s, `${y1} = ${big.text}`, make(o1!));
    line(s, `${y2} = ${big.text}`, make(o2!));
  } else {
    line(s, `${x1}, ${x2} = ${smallText}, ${smallText}`, bind(x1, { int: small }), bind(x2, { int: small }));
    line(s, `print(${x1} is ${x2})`, sameSmall(`${x1} is ${x2}`));
    line(s, `${y1}, ${y2} = ${big.text}, ${big.text}`, make(...bigObjects()));
  }
  line(s, `print(${y1} is ${y2})`, twoBig(`${y1} is ${y2}`));
  s.leftovers.push(y1, y2);
}

/** Containers inside a container, all made by one line, then dropped at once. */
export function burstEpisode(s: Scene): void {
  const d = s.draft;
  const pile = d.freshName(['pile', 'heap_of', 'stack_of', 'bundle_of', 'batch']);
  const b = s.base.name;
  const w = s.who.name;
  const text = newText(s);
  const big = bigInt(s);
  const forms: Array<{ text: string; value: ValueSpec }> = [
    {
      text: `[[${b}], [${w}], (${b}, ${b})]`,
      value: {
        list: [{ list: [named(b)] }, { list: [named(w)] }, { tuple: [named(b), named(b)] }],
        capacity: 3,
      },
    },
    {
      text: `{'left': [${b}, ${b}], 'right': (${w}, ${text.text})}`,
      value: {
        dict: [
          [{ str: 'left' }, { list: [named(b), named(b)] }],
          [{ str: 'right' }, { tuple: [named(w), { str: text.value }] }],
        ],
      },
    },
    {
      text: `([${b}], [${big.text}], ${text.text})`,
      value: { tuple: [{ list: [named(b)] }, { list: [intSpec(big.value)] }, { str: text.value }] },
    },
  ];
  const form = s.rng.pick(forms);
  line(s, `${pile} = ${form.text}`, make(obj(s, pile, form.value)));
  line(s, `del ${pile}`, unbind(pile));
}
