/**
 * The projector after a round: the podium, what the class got wrong (students per
 * concept and per kind of crash), the full table, and runs to replay anonymously —
 * listed by score only, so nobody's mistakes are shown under their name.
 */
import type { ClassReportView, RoundResultsView } from '../../../shared/protocol';
import { button, h, replace } from './dom';
import { renderPodium, renderResultsTable, renderStandings, resultsHeading } from './podium';

const CONCEPT_WORDS: Record<string, string> = {
  'memory-units': 'memory units',
  'call-stack': 'the call stack',
  locals: 'local names',
  heap: 'placing on the heap',
  getsizeof: 'object sizes',
  fragmentation: 'fragmentation',
  recursion: 'recursion limits',
  references: 'references',
  identity: 'identity (is vs ==)',
  refcount: 'reference counts',
  cycles: 'reference cycles',
  'best-practice': 'best practices',
  'common-mistakes': 'common mistakes',
};

const CRASH_WORDS: Record<string, string> = {
  'stack-overflow': 'stack overflow (pushed past the stack)',
  'dangling-pointer': 'freed a live object',
  'memory-error': 'ran out of memory',
  'recursion-error': 'missed RecursionError',
};

export class AfterRoundPanel {
  readonly element = h('div', { class: 'stack', 'data-testid': 'after-round', hidden: true });
  private results: RoundResultsView | null = null;
  private report: ClassReportView | null = null;

  constructor(private readonly onReplay: (playerId: string, round: number, label: string) => void) {}

  setResults(view: RoundResultsView): void {
    this.results = view;
    if (this.report && this.report.round !== view.round) this.report = null;
    this.render();
  }

  setReport(report: ClassReportView): void {
    this.report = report;
    this.render();
  }

  get hasResults(): boolean {
    return this.results !== null;
  }

  show(visible: boolean): void {
    this.element.hidden = !visible;
  }

  private render(): void {
    const view = this.results;
    if (!view) return;
    const report = this.report;
    const maxStudents = Math.max(
      1,
      ...(report?.mistakesByConcept.map((m) => m.students) ?? [1]),
      ...(report?.crashesByKind.map((c) => c.students) ?? [1]),
    );
    const bar = (label: string, students: number, testid: string) =>
      h(
        'li',
        { 'data-testid': testid },
        h('span', {}, label),
        h('span', {
          class: 'bar',
          style: `width:${Math.round((students / maxStudents) * 100)}%`,
          'aria-hidden': 'true',
        }),
        h('span', { class: 'num' }, String(students)),
      );
    const replayable = [...view.rows].filter((r) => r.playerId).sort((a, b) => b.score - a.score);
    replace(
      this.element,
      h(
        'section',
        { class: 'card stack', 'aria-labelledby': 'podium-title' },
        h('h2', { id: 'podium-title' }, resultsHeading(view)),
        view.podium.length ? renderPodium(view.podium) : h('p', {}, 'Nobody played this round.'),
      ),
      report
        ? h(
            'section',
            { class: 'card stack', 'aria-labelledby': 'report-title', 'data-testid': 'class-report' },
            h('h2', { id: 'report-title' }, 'What the class found hard'),
            report.mistakesByConcept.length === 0 && report.crashesByKind.length === 0
              ? h('p', {}, 'No mistakes and no crashes this round.')
              : h(
                  'ul',
                  { class: 'plain bars' },
                  report.mistakesByConcept.map((m) =>
                    bar(`${CONCEPT_WORDS[m.concept] ?? m.concept}`, m.students, `concept-${m.concept}`),
                  ),
                  report.crashesByKind.map((c) =>
                    bar(`Crash: ${CRASH_WORDS[c.kind] ?? c.kind}`, c.students, `crash-${c.kind}`),
                  ),
                ),
            h(
              'p',
              { class: 'muted' },
              `Bars count students (of ${report.players}) who made the mistake at least once.`,
            ),
          )
        : null,
      h(
        'section',
        { class: 'card stack', 'aria-labelledby': 'runs-title' },
        h('h2', { id: 'runs-title' }, 'Replay a run (anonymous)'),
        h(
          'div',
          { class: 'row', 'data-testid': 'replay-buttons' },
          replayable.map((row, i) =>
            button(
              `Run ${i + 1} · ${row.score} pts`,
              () => row.playerId && this.onReplay(row.playerId, view.round, `Run ${i + 1}`),
              { class: 'small' },
            ),
          ),
        ),
      ),
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'table-title' },
        h('h2', { id: 'table-title' }, 'All results'),
        renderResultsTable(view.rows, resultsHeading(view)),
      ),
      view.standings.length
        ? h(
            'section',
            { class: 'card', 'aria-labelledby': 'overall-title' },
            h('h2', { id: 'overall-title' }, 'Overall standings'),
            renderStandings(view.standings, 20),
          )
        : null,
    );
  }
}
