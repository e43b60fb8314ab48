/**
 * A room's results as CSV for a teacher's spreadsheet: one row per student per round.
 * Pure: rows in, text out. Cells are quoted per RFC 4180, and any text a student chose (a
 * nickname) that a spreadsheet would run as a formula gets a leading apostrophe, so
 * opening the file can never execute what a student typed.
 */
import type { RoundResultRow } from '../store/types';

const LINE_END = '\r\n';

/** Leading characters that make Excel, LibreOffice and Google Sheets treat a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One CSV cell: text is neutralised and quoted when needed; numbers and booleans are written as they are. */
export function csvCell(value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = neutraliseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: readonly (string | number | boolean)[]): string {
  return cells.map(csvCell).join(',');
}

/**
 * Columns: round (counted from 1), level, nickname, score, stars, one mistakes column per
 * concept (the given ones in order, then any other concept found in the rows), crashes,
 * completed. Rows are ordered by round, then score (highest first), then nickname.
 */
export function formatResultsCsv(rows: readonly RoundResultRow[], concepts: readonly string[]): string {
  const known = new Set(concepts);
  const extra = new Set<string>();
  for (const row of rows) {
    for (const concept of Object.keys(row.mistakesByConcept)) if (!known.has(concept)) extra.add(concept);
  }
  const columns = [...concepts, ...[...extra].sort()];
  const header = csvLine([
    'round',
    'level',
    'nickname',
    'score',
    'stars',
    ...columns.map((concept) => `mistakes: ${concept}`),
    'crashes',
    'completed',
  ]);
  const body = [...rows]
    .sort(compareRows)
    .map((row) =>
      csvLine([
        row.round + 1,
        row.levelId,
        row.nickname,
        row.score,
        row.stars,
        ...columns.map((concept) => row.mistakesByConcept[concept] ?? 0),
        row.crashes,
        row.completed,
      ]),
    );
  return [header, ...body].join(LINE_END) + LINE_END;
}

function compareRows(a: RoundResultRow, b: RoundResultRow): number {
  if (a.round !== b.round) return a.round - b.round;
  if (a.score !== b.score) return b.score - a.score;
  return a.nickname < b.nickname ? -1 : a.nickname > b.nickname ? 1 : 0;
}
