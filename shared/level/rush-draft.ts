/**
 * A rush level while it is being written: Python source in blocks (the header, one block
 * per function, the module code) and the program that runs it, in execution order.
 *
 * Functions are written once but their bodies run at every call, and the function
 * definitions sit above the module code that calls them, so line numbers are only known
 * once everything is written. Ops therefore carry *virtual* line ids while drafting and
 * `finish()` renumbers them to the final source lines.
 */
import type { Op } from './schema';

interface DraftLine {
  vid: number;
  text: string;
}

export class Draft {
  private readonly header: DraftLine[] = [];
  private readonly functions = new Map<string, DraftLine[]>();
  private readonly module: DraftLine[] = [];
  private nextVid = 1;
  private nextObject = 1;
  private readonly names = new Set<string>();
  /** The op list being appended to: the program, or the body/handler of a `try`. */
  private target: Op[];
  readonly program: Op[] = [];

  constructor() {
    this.target = this.program;
  }

  /** A line above the functions (imports). */
  headerLine(text: string): number {
    return this.push(this.header, text);
  }

  /** A line of the module code, in writing order. */
  moduleLine(text: string): number {
    return this.push(this.module, text);
  }

  /** A line of a function's definition (the `def` line first). */
  functionLine(fn: string, text: string): number {
    let block = this.functions.get(fn);
    if (!block) {
      block = [];
      this.functions.set(fn, block);
    }
    return this.push(block, text);
  }

  hasFunction(fn: string): boolean {
    return this.functions.has(fn);
  }

  /** The number of module lines written so far (for the line budget). */
  get moduleLineCount(): number {
    return this.module.length;
  }

  /** Source lines the layout will have besides the module code. */
  get fixedLineCount(): number {
    let n = this.header.length + 1;
    for (const block of this.functions.values()) n += block.length + 1;
    return n;
  }

  emit(op: Op): void {
    this.target.push(op);
  }

  /** Run `write` with ops going into `list` (a try body or handler). */
  within(list: Op[], write: () => void): void {
    const outer = this.target;
    this.target = list;
    try {
      write();
    } finally {
      this.target = outer;
    }
  }

  /** A module name not used yet: the first free one of the pool, else the pool's first with a number. */
  freshName(pool: readonly string[]): string {
    for (const name of pool) {
      if (!this.names.has(name)) {
        this.names.add(name);
        return name;
      }
    }
    for (let i = 2; ; i++) {
      const name = `${pool[0]}${i}`;
      if (!this.names.has(name)) {
        this.names.add(name);
        return name;
      }
    }
  }

  /** Reserve names (function names, the module's own variables) so fresh names never shadow them. */
  reserve(...names: string[]): void {
    for (const n of names) this.names.add(n);
  }

  objectId(prefix: string): string {
    return `${prefix}_${this.nextObject++}`;
  }

  /** Lay the source out and renumber every op's line. */
  finish(): { source: string[]; program: Op[] } {
    const source: string[] = [];
    const lineOf = new Map<number, number>();
    const place = (block: DraftLine[]) => {
      for (const line of block) {
        source.push(line.text);
        lineOf.set(line.vid, source.length);
      }
    };
    place(this.header);
    source.push('');
    for (const block of this.functions.values()) {
      place(block);
      source.push('');
    }
    place(this.module);
    const renumber = (ops: Op[]): Op[] =>
      ops.map((op) => {
        const line = lineOf.get(op.line);
        if (line === undefined) throw new Error(`op ${op.op} points at an unwritten line`);
        if (op.op === 'try') return { ...op, line, body: renumber(op.body), handler: renumber(op.handler) };
        if (op.op === 'repeat') return { ...op, line, body: renumber(op.body) };
        return { ...op, line };
      });
    return { source, program: renumber(this.program) };
  }

  private push(block: DraftLine[], text: string): number {
    const vid = this.nextVid++;
    block.push({ vid, text });
    return vid;
  }
}

/** A Python string literal for `text` (single quotes, as the source is written). */
export function pyStr(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
