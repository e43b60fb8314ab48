/**
 * Rush episodes about frames and cycles: nested calls, a call that leaves a cycle behind,
 * cycles of lists and of dicts, and the runaway recursion caught at the limit.
 */
import {
  append,
  bind,
  line,
  make,
  named,
  narrate,
  newText,
  obj,
  type Scene,
  say,
  store,
  unbind,
} from './rush-scene';
import type { Op, ValueSpec } from './schema';

/** Lists that hold each other: after `del` their counts stay above 0 but nothing reaches them. */
export function listCycleEpisode(s: Scene): void {
  const d = s.draft;
  const ring = d.freshName(['ring', 'loop', 'circle', 'orbit']);
  const b = s.base.name;
  const w = s.who.name;
  if (s.intensity === 3) {
    // The inner list is a temporary: only the cycle keeps it alive once the line is done.
    const text = newText(s);
    line(
      s,
      `${ring} = [${b}, (${b}, ${b})]`,
      make(obj(s, ring, { list: [named(b), { tuple: [named(b), named(b)] }] })),
    );
    const inner = obj(s, null, { list: [named(ring), { str: text.value }] }, 'inner');
    line(s, `${ring}.append([${ring}, ${text.text}])`, make(inner), append(ring, { ref: inner.id }));
    line(s, `del ${ring}`, unbind(ring));
    return;
  }
  const link = d.freshName(['chain', 'hook', 'clasp', 'strand']);
  line(s, `${ring} = [${b}]`, make(obj(s, ring, { list: [named(b)] })));
  if (s.intensity === 1) {
    line(s, `${link} = [${ring}, ${w}]`, make(obj(s, link, { list: [named(ring), named(w)] })));
  } else {
    const text = newText(s);
    line(
      s,
      `${link} = [${ring}, ${text.text}]`,
      make(obj(s, link, { list: [named(ring), { str: text.value }] })),
    );
  }
  line(s, `${ring}.append(${link})`, append(ring, named(link)));
  line(s, `del ${ring}, ${link}`, unbind(ring), unbind(link));
  narrate(s, 'A cycle: both counts are 1, yet nothing can reach them');
}

/** Dicts that point at each other, dropped with `= None`. */
export function dictCycleEpisode(s: Scene): void {
  const d = s.draft;
  const owner = d.freshName(['owner', 'parent', 'host', 'boss']);
  const w = s.who.name;
  const b = s.base.name;
  if (s.intensity === 3) {
    const text = newText(s);
    line(
      s,
      `${owner} = {'name': ${text.text}, 'tags': [${b}]}`,
      make(
        obj(s, owner, {
          dict: [
            [{ str: 'name' }, { str: text.value }],
            [{ str: 'tags' }, { list: [named(b)] }],
          ],
        }),
      ),
    );
    const pet = obj(s, null, { dict: [[{ str: 'owner' }, named(owner)]] }, 'pet');
    line(s, `${owner}['pet'] = {'owner': ${owner}}`, make(pet), store(owner, 'pet', { ref: pet.id }));
    line(s, `${owner} = None`, bind(owner, { none: true }));
    return;
  }
  const pet = d.freshName(['pet', 'child', 'guest', 'helper']);
  line(s, `${owner} = {'name': ${w}}`, make(obj(s, owner, { dict: [[{ str: 'name' }, named(w)]] })));
  if (s.intensity === 1) {
    line(s, `${pet} = {'owner': ${owner}}`, make(obj(s, pet, { dict: [[{ str: 'owner' }, named(owner)]] })));
  } else {
    const text = newText(s);
    line(
      s,
      `${pet} = {'owner': ${owner}, 'tag': ${text.text}}`,
      make(
        obj(s, pet, {
          dict: [
            [{ str: 'owner' }, named(owner)],
            [{ str: 'tag' }, { str: text.value }],
          ],
        }),
      ),
    );
  }
  line(s, `${owner}['pet'] = ${pet}`, store(owner, 'pet', named(pet)));
  line(s, `${owner} = ${pet} = None`, bind(owner, { none: true }), bind(pet, { none: true }));
  narrate(s, 'Two dicts hold each other: only the cycle collector can free them');
}

/** A call that makes another call: two frames pushed, two popped, the result bound. */
export function nestedCallEpisode(s: Scene): void {
  const d = s.draft;
  const pack = s.fns.names.pack;
  const parcel = d.freshName(['parcel', 'gift', 'cargo', 'load']);
  const arg = (): { text: string; spec: ValueSpec; n: number } => {
    if (s.rng.chance(0.5)) {
      const n = s.rng.int(2, 200);
      return { text: String(n), spec: { int: n }, n };
    }
    return { text: s.base.name, spec: named(s.base.name), n: s.base.value };
  };
  const first = arg();
  if (s.intensity === 3) {
    const other = d.freshName(['present', 'shipment', 'haul']);
    const second = arg();
    const at = d.moduleLine(`${parcel}, ${other} = ${pack}(${first.text}), ${pack}(${second.text})`);
    s.fns.callPack(at, first.spec, first.n, parcel);
    s.fns.callPack(at, second.spec, second.n, other);
    s.leftovers.push(parcel, other);
    return;
  }
  const at = d.moduleLine(`${parcel} = ${pack}(${first.text})`);
  s.fns.callPack(at, first.spec, first.n, parcel);
  if (s.intensity === 2 && s.rng.chance(0.5)) line(s, `del ${parcel}`, unbind(parcel));
  else s.leftovers.push(parcel);
  narrate(s, `${pack}() called ${s.fns.names.wrap}(): two frames up, two frames down`);
}

/** A call whose frame leaves a reference cycle behind when it is popped. */
export function tangleEpisode(s: Scene): void {
  const d = s.draft;
  const tangle = s.fns.names.tangle;
  const count = d.freshName(['count', 'size', 'length', 'items']);
  const b = s.base;
  if (s.intensity === 3) {
    const more = d.freshName(['more_items', 'extra_count', 'again']);
    const at = d.moduleLine(`${count}, ${more} = ${tangle}(${b.name}), ${tangle}(${b.name} + 1)`);
    s.fns.callTangle(at, named(b.name), count);
    s.fns.callTangle(at, { int: b.value + 1 }, more);
    return;
  }
  const at = d.moduleLine(`${count} = ${tangle}(${b.name})`);
  s.fns.callTangle(at, named(b.name), count);
  narrate(s, `${tangle}() returned, but its list and its dict still hold each other`);
}

/** Recursion with no way out, caught at the recursion limit. */
export function recursionEpisode(s: Scene): void {
  const d = s.draft;
  const tryLine = d.moduleLine('try:');
  const body: Op[] = [];
  d.within(body, () => {
    const at = d.moduleLine(`    ${s.fns.names.dive}(1)`);
    s.fns.callDive(at, 1, s.recursionLimit);
  });
  d.moduleLine('except RecursionError:');
  const handler: Op[] = [];
  d.within(handler, () =>
    say(s, `RecursionError caught: the stack hit its limit of ${s.recursionLimit} frames`, '    '),
  );
  d.emit({ op: 'try', line: tryLine, body, error: 'RecursionError', handler });
}
