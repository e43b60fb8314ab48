import { describe, expect, test } from 'vitest';
import { csvCell, formatResultsCsv, neutraliseFormula } from '../../server/http/results-csv';
import type { RoundResultRow } from '../../server/store/types';

function row(overrides: Partial<RoundResultRow>): RoundResultRow {
  return {
    playerId: 'p',
    nickname: 'Quiet Heron',
    round: 0,
    levelId: 'call-stack-abc',
    score: 500,
    stars: 2,
    mistakesByConcept: {},
    crashes: 0,
    completed: true,
    ...overrides,
  };
}

/** Splits CSV text the way a spreadsheet would (quoted cells may hold commas, quotes and newlines). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      cells.push(cell);
      rows.push(cells);
      cells = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell !== '' || cells.length > 0) rows.push([...cells, cell]);
  return rows;
}

describe('CSV cells', () => {
  test('plain text, numbers and booleans are written as they are', () => {
    expect(csvCell('Quiet Heron')).toBe('Quiet Heron');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(1250)).toBe('1250');
    expect(csvCell(true)).toBe('yes');
    expect(csvCell(false)).toBe('no');
    expect(csvCell(Number.NaN)).toBe('');
  });

  test('commas, quotes and line breaks are quoted, quotes doubled', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
  });

  test('text a spreadsheet would run as a formula gets a leading apostrophe', () => {
    for (const evil of ['=1+1', '+A1', '-2+3', '@SUM(A1)', '\t=cmd', '\r=cmd']) {
      expect(neutraliseFormula(evil)).toBe(`'${evil}`);
    }
    expect(neutraliseFormula('Ann=Bob')).toBe('Ann=Bob');
    expect(neutraliseFormula('')).toBe('');
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
  });
});

describe('results CSV', () => {
  test('a header, then one row per student per round, rounds counted from 1', () => {
    const csv = formatResultsCsv(
      [
        row({
          nickname: 'B',
          round: 1,
          score: 100,
          mistakesByConcept: { heap: 2 },
          crashes: 1,
          completed: false,
        }),
        row({ nickname: 'A', round: 0, score: 300, stars: 3, mistakesByConcept: { 'call-stack': 1 } }),
        row({ nickname: 'C', round: 0, score: 900, levelId: 'heap-1' }),
      ],
      ['call-stack', 'heap'],
    );
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(parseCsv(csv)).toEqual([
      [
        'round',
        'level',
        'nickname',
        'score',
        'stars',
        'mistakes: call-stack',
        'mistakes: heap',
        'crashes',
        'completed',
      ],
      ['1', 'heap-1', 'C', '900', '2', '0', '0', '0', 'yes'],
      ['1', 'call-stack-abc', 'A', '300', '3', '1', '0', '0', 'yes'],
      ['2', 'call-stack-abc', 'B', '100', '2', '0', '2', '1', 'no'],
    ]);
  });

  test('a concept outside the given list still gets its own column', () => {
    const [header, first] = parseCsv(
      formatResultsCsv([row({ mistakesByConcept: { zeta: 4, alpha: 1, heap: 2 } })], ['heap']),
    );
    expect(header).toEqual([
      'round',
      'level',
      'nickname',
      'score',
      'stars',
      'mistakes: heap',
      'mistakes: alpha',
      'mistakes: zeta',
      'crashes',
      'completed',
    ]);
    expect(first?.slice(5, 8)).toEqual(['2', '1', '4']);
  });

  test('hostile nicknames come out as inert text in their own cell', () => {
    const nicknames = ['=cmd|"/c calc"!A0', 'Bob, "the" Builder', 'two\r\nlines', '@@', '-1'];
    const csv = formatResultsCsv(
      nicknames.map((nickname, i) => row({ nickname, score: 100 - i })),
      [],
    );
    const parsed = parseCsv(csv);
    expect(parsed).toHaveLength(nicknames.length + 1);
    expect(parsed.slice(1).map((cells) => cells[2])).toEqual([
      '\'=cmd|"/c calc"!A0',
      'Bob, "the" Builder',
      'two\r\nlines',
      "'@@",
      "'-1",
    ]);
    for (const cells of parsed) expect(cells).toHaveLength(7);
  });

  test('no results still give the header', () => {
    expect(formatResultsCsv([], ['heap'])).toBe(
      'round,level,nickname,score,stars,mistakes: heap,crashes,completed\r\n',
    );
  });
});
