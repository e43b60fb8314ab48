/** The Python source with line numbers; the line running now is lit and marked with ▶. */
import { type DrawContext, panel } from './draw-kit';
import { THEME } from './palette';

export function drawSource(ctx: DrawContext): void {
  const { layout, model, texts, g } = ctx;
  const r = layout.source;
  const u = layout.unit;
  panel(g.panels, r, 8 * u);
  const state = model.state;
  if (!state) return;
  const lines = state.level.source;
  const size = layout.font.code;
  const lineH = Math.round(size * 1.45);
  const top = r.y + 6 * u;
  const rows = Math.max(1, Math.floor((r.h - 12 * u) / lineH));
  const current = state.program.line;
  // Keep the lit line a third of the way down so what comes next is visible.
  const first = Math.max(0, Math.min(lines.length - rows, current - 1 - Math.floor(rows / 3)));
  const numberW = size * 0.62 * (String(lines.length).length + 2.5);
  for (let i = 0; i < rows && first + i < lines.length; i++) {
    const n = first + i + 1;
    const y = top + i * lineH;
    const lit = n === current;
    if (lit) {
      g.panels.fillStyle(THEME.currentLine, 1);
      g.panels.fillRect(r.x + 3 * u, y, r.w - 6 * u, lineH);
    }
    texts.put(
      `src:n:${i}`,
      `${lit ? '▶' : ' '}${String(n).padStart(String(lines.length).length + 1)}`,
      r.x + 6 * u,
      y + lineH / 2,
      {
        size,
        mono: true,
        originY: 0.5,
        color: lit ? '#ffffff' : THEME.textDim,
        bold: lit,
      },
    );
    texts.put(`src:t:${i}`, lines[n - 1] ?? '', r.x + 6 * u + numberW, y + lineH / 2, {
      size,
      mono: true,
      originY: 0.5,
      color: lit ? '#ffffff' : THEME.text,
      bold: lit,
      clipWidth: r.w - numberW - 12 * u,
    });
  }
}
