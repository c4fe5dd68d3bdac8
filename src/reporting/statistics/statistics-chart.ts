/**
 * A horizontal bar chart of one figure of the statistics return (docs/statistics.md §4): one bar per cell, in
 * the cells' order, each labelled on the left with the cell's label and at its end with its count, drawn to
 * scale against the largest cell. Vector graphics (rectangles and text), as the product's activity chart
 * (src/products/product-activity-chart.ts); the statistics are the only user, so it lives here rather than
 * in src/pdf.
 *
 * A chart that fits on a page is kept whole on one; a longer one (a figure with very many cells) runs on
 * over the next pages bar by bar, never splitting a bar from its label. A figure whose total is 0 has no
 * chart: the caller says "None in this period" instead.
 */
import type { PdfWriter } from '../../pdf/pdf-writer';

export interface ChartBar {
  label: string;
  value: number;
}

/** Share of the body's width given to the labels. */
const LABEL_SHARE = 0.38;
const GAP = 6;
const TEXT_SIZE = 8;
const BAR_HEIGHT = 9;
const ROW_GAP = 4;
/** A label is cut short with an ellipsis after this many lines, so that no bar's row can be taller than a page. */
const MAX_LABEL_LINES = 6;
const BAR_COLOUR = '#568cc4';
const AXIS_COLOUR = '#555555';

/** A count as a person reads it: `1,234`. */
export function countWords(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The sentence under a chart: the scale it is drawn to. */
export function chartScaleNote(largest: number, unit: string): string {
  return `Bars are drawn to scale: the longest stands for ${countWords(largest)} ${unit}.`;
}

/**
 * Draws the bars at the writer's position, then the scale note. `unit` (lower case, plural) names what the
 * counts are of in that note.
 * @throws RangeError when every bar is 0 (there is nothing to scale to) or a value is negative or not finite.
 */
export function drawBarChart(w: PdfWriter, bars: readonly ChartBar[], unit: string): void {
  if (bars.some((bar) => !Number.isFinite(bar.value) || bar.value < 0)) throw new RangeError('drawBarChart: a bar is negative or not a number');
  const largest = Math.max(0, ...bars.map((bar) => bar.value));
  if (largest === 0) throw new RangeError('drawBarChart: every bar is 0');
  const { doc } = w;

  const labelWidth = w.width * LABEL_SHARE;
  const barLeft = w.left + labelWidth + GAP;
  w.use('regular', TEXT_SIZE);
  const countRoom = doc.widthOfString(countWords(largest)) + GAP;
  const barRoom = w.width - labelWidth - GAP - countRoom;

  const rows = bars.map((bar) => {
    const label = w.fit(bar.label, labelWidth, 'regular', TEXT_SIZE);
    const labelHeight = doc.heightOfString(label, { width: labelWidth });
    const clipped = labelHeight > MAX_LABEL_LINES * doc.currentLineHeight(true);
    const shown = clipped ? MAX_LABEL_LINES * doc.currentLineHeight(true) : labelHeight;
    return { label, clipped, labelHeight: shown, height: Math.max(shown, BAR_HEIGHT) + ROW_GAP, value: bar.value };
  });
  const whole = rows.reduce((sum, row) => sum + row.height, 0) + 2 * TEXT_SIZE;
  // Whole on one page when it can be; otherwise at least its first bars with what comes before.
  w.ensureSpace(whole <= w.bodyHeight() ? whole : rows[0].height * 3);

  for (const row of rows) {
    w.ensureSpace(row.height);
    const top = doc.y;
    w.use('regular', TEXT_SIZE);
    doc.text(row.label, w.left, top, { width: labelWidth, ...(row.clipped ? { height: row.labelHeight, ellipsis: true } : {}) });

    const barTop = top + (row.height - ROW_GAP - BAR_HEIGHT) / 2;
    // A count above 0 always shows a sliver, however small against the largest.
    const length = row.value === 0 ? 0 : Math.max(1, (row.value / largest) * barRoom);
    if (length > 0) doc.rect(barLeft, barTop, length, BAR_HEIGHT).fill(BAR_COLOUR);
    doc
      .moveTo(barLeft, top)
      .lineTo(barLeft, top + row.height)
      .lineWidth(0.6)
      .strokeColor(AXIS_COLOUR)
      .stroke();
    w.use('regular', TEXT_SIZE);
    doc.text(countWords(row.value), barLeft + length + 3, barTop + (BAR_HEIGHT - TEXT_SIZE) / 2 + 0.5, { lineBreak: false });

    doc.x = w.left;
    doc.y = top + row.height;
  }
  doc.fillColor('black');
  w.moveDown(0.2);
  w.paragraph(chartScaleNote(largest, unit), { size: 7.5, muted: true });
}
