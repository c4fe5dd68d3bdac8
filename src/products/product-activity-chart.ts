/**
 * The activity chart of a call-record product's summary page: events by Europe/London day (rows) and hour
 * (columns) as a heat grid drawn with pdfkit's vector graphics (rectangles and text, no image), each cell
 * shaded by its count and carrying the count itself, a total per day at the right and a row of totals over
 * every day at the foot. A cell with no event shows a faint dot, so every row reads as 24 values.
 *
 * Bounded: at most {@link MAX_CHART_DAYS} consecutive days are drawn, from the first day with an event; a
 * line under the chart says how many more days with events there are (they are all in the table of call
 * records). The chart is never split across pages: it starts on a new page unless it fits whole.
 */
import type { PdfWriter } from '../pdf/pdf-writer';
import { MUTED } from '../pdf/pdf-writer';
import { toWinAnsi } from '../pdf/win-ansi';
import { addCalendarDays, dayOfWeek, parseIsoDate, type IsoDate } from '../workflow/london-time';
import type { ActivityDay, ActivityGrid } from './product-summary';

/** The most days (rows) the chart draws. */
export const MAX_CHART_DAYS = 31;

/** What a zero cell shows: a faint dot, not an empty space, so a row reads back as 24 values. */
export const EMPTY_CELL = '\u00b7';

/** The label of the row of totals over every day. */
export const ALL_DAYS_LABEL = 'All days';

const HOURS = 24;
const LABEL_WIDTH = 64;
const TOTAL_WIDTH = 30;
const ROW_HEIGHT = 11;
const TEXT_SIZE = 6.5;
const TITLE_SIZE = 7.5;
const GRID_LINE = '#bbbbbb';
/** The colour of the busiest cell (light enough for black figures); an empty cell is white and the rest are in between. */
const HOT: readonly [number, number, number] = [86, 140, 196];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** A London date as a chart row's label: `Sun 29 Mar 2026`. */
export function chartDayLabel(date: IsoDate): string {
  const { year, month, day } = parseIsoDate(date);
  return `${WEEKDAYS[dayOfWeek(date)]} ${day} ${MONTHS[month - 1]} ${year}`;
}

/** The rows the chart draws: consecutive London days from the first day with an event, at most `maxDays`. */
export interface ChartRows {
  days: ActivityDay[];
  /** Days with events after the last day drawn. */
  moreDays: number;
  /** Events on those days. */
  moreEvents: number;
}

/** Pure: the days of `grid` the chart draws, empty days between busy ones included. */
export function chartRows(grid: ActivityGrid, maxDays = MAX_CHART_DAYS): ChartRows {
  if (grid.days.length === 0) return { days: [], moreDays: 0, moreEvents: 0 };
  const byDate = new Map(grid.days.map((day) => [day.date, day]));
  const last = grid.days[grid.days.length - 1].date;
  const days: ActivityDay[] = [];
  for (let date = grid.days[0].date; days.length < maxDays; date = addCalendarDays(date, 1)) {
    days.push(byDate.get(date) ?? { date, hours: new Array<number>(HOURS).fill(0), total: 0 });
    if (date === last) break;
  }
  const lastDrawn = days[days.length - 1].date;
  const after = grid.days.filter((day) => day.date > lastDrawn);
  return { days, moreDays: after.length, moreEvents: after.reduce((sum, day) => sum + day.total, 0) };
}

/** Height in points the chart of `rows` takes, its notes included. */
function chartHeight(rows: ChartRows): number {
  return ROW_HEIGHT * (rows.days.length + 3) + (rows.moreDays > 0 ? 2 * ROW_HEIGHT : ROW_HEIGHT) + 6;
}

function shade(level: number): string {
  const channel = (hot: number) => Math.round(255 + (hot - 255) * level).toString(16).padStart(2, '0');
  return `#${channel(HOT[0])}${channel(HOT[1])}${channel(HOT[2])}`;
}

/** Draws the activity chart of `grid` at the writer's position (on a new page unless it fits whole). */
export function drawActivityChart(w: PdfWriter, grid: ActivityGrid, maxDays = MAX_CHART_DAYS): void {
  const { doc } = w;
  const rows = chartRows(grid, maxDays);
  if (rows.days.length === 0) {
    w.paragraph('No event has a time, so there is no chart of activity.', { size: 9, muted: true });
    return;
  }
  w.ensureSpace(chartHeight(rows));
  const left = w.left;
  const cellWidth = (w.width - LABEL_WIDTH - TOTAL_WIDTH) / HOURS;
  const gridLeft = left + LABEL_WIDTH;
  const totalLeft = gridLeft + cellWidth * HOURS;
  const busiest = Math.max(1, ...rows.days.flatMap((day) => day.hours));
  let y = doc.y;

  // Axis titles, then the hour of each column.
  w.use('bold', TITLE_SIZE, MUTED);
  doc.text('Day (London)', left, y, { lineBreak: false });
  centredText(doc, 'Hour of the day (London time)', gridLeft, cellWidth * HOURS, y);
  y += ROW_HEIGHT;
  hourRun(w, cellWidth, gridLeft, y + 2);
  w.use('bold', TEXT_SIZE, MUTED);
  centredText(doc, 'Total', totalLeft, TOTAL_WIDTH, y + 2);
  y += ROW_HEIGHT;

  // The shading first, one path per shade; then the grid's lines over it; then the figures.
  const gridTop = y;
  const gridBottom = gridTop + rows.days.length * ROW_HEIGHT;
  const byShade = new Map<string, [number, number][]>();
  rows.days.forEach((day, row) => {
    day.hours.forEach((count, hour) => {
      if (count === 0) return;
      const colour = shade(count / busiest);
      const cells = byShade.get(colour) ?? [];
      if (cells.length === 0) byShade.set(colour, cells);
      cells.push([hour, row]);
    });
  });
  for (const [colour, cells] of byShade) {
    for (const [hour, row] of cells) doc.rect(gridLeft + hour * cellWidth, gridTop + row * ROW_HEIGHT, cellWidth, ROW_HEIGHT);
    doc.fill(colour);
  }
  for (let hour = 0; hour <= HOURS; hour += 1) doc.moveTo(gridLeft + hour * cellWidth, gridTop).lineTo(gridLeft + hour * cellWidth, gridBottom);
  for (let row = 0; row <= rows.days.length; row += 1) doc.moveTo(gridLeft, gridTop + row * ROW_HEIGHT).lineTo(totalLeft, gridTop + row * ROW_HEIGHT);
  doc.lineWidth(0.3).strokeColor(GRID_LINE).stroke();
  doc.lineWidth(0.8).strokeColor('black').moveTo(gridLeft, gridBottom).lineTo(totalLeft + TOTAL_WIDTH, gridBottom).stroke();

  for (const day of rows.days) {
    w.use('regular', TEXT_SIZE);
    doc.text(toWinAnsi(chartDayLabel(day.date)), left, y + 2.5, { lineBreak: false });
    cellRun(w, day.hours, cellWidth, gridLeft, y + 2.5);
    w.use('bold', TEXT_SIZE);
    centredText(doc, String(day.total), totalLeft, TOTAL_WIDTH, y + 2.5);
    y += ROW_HEIGHT;
  }

  // Totals over every day, those not drawn included.
  w.use('bold', TEXT_SIZE);
  doc.text(ALL_DAYS_LABEL, left, y + 2.5, { lineBreak: false });
  cellRun(w, grid.byHour, cellWidth, gridLeft, y + 2.5);
  w.use('bold', TEXT_SIZE);
  centredText(doc, String(grid.total), totalLeft, TOTAL_WIDTH, y + 2.5);
  y += ROW_HEIGHT + 3;

  doc.fillColor('black');
  doc.x = left;
  doc.y = y;
  const notes = [`Darker cells have more events; the busiest hour of a day shown has ${busiest} ${busiest === 1 ? 'event' : 'events'}.`];
  if (rows.moreDays > 0) {
    notes.push(
      `The chart shows ${rows.days.length} days. ${rows.moreEvents} more events on ${rows.moreDays} more days are in the table of call records.`,
    );
  }
  for (const note of notes) w.paragraph(note, { size: 7.5, muted: true });
}

/** Characters of the fixed-pitch font per hour column: the font is sized so that this many fill one. */
const CELL_CHARS = 4;
/** Courier's advance, as a share of the font size. */
const MONO_ADVANCE = 0.6;

/** The size of the fixed-pitch font that puts {@link CELL_CHARS} characters in a column `cellWidth` wide. */
function runSize(cellWidth: number): number {
  return cellWidth / CELL_CHARS / MONO_ADVANCE;
}

/**
 * The 24 counts of a row over their hour columns in one run of the fixed-pitch font, rather than 24 pieces
 * of text, so a long chart stays cheap to lay out and reads back as one line. The run starts half a character
 * left of the grid, so that a count of one or three digits is centred in its column (one of two or four
 * digits half a character left of centre). Zero is {@link EMPTY_CELL}.
 */
function cellRun(w: PdfWriter, counts: readonly number[], cellWidth: number, x: number, y: number): void {
  const size = runSize(cellWidth);
  const cells = counts.map((count) => {
    const text = count === 0 ? EMPTY_CELL : String(count);
    return (' '.repeat(Math.max(0, Math.floor((CELL_CHARS + 1 - text.length) / 2))) + text).padEnd(CELL_CHARS, ' ');
  });
  w.use('mono', size);
  w.doc.text(cells.join('').trimEnd(), x - (MONO_ADVANCE * size) / 2, y, { lineBreak: false });
}

/** The hours 00 to 23 centred over their columns, in one run as {@link cellRun} sets the counts. */
function hourRun(w: PdfWriter, cellWidth: number, x: number, y: number): void {
  const labels = Array.from({ length: HOURS }, (_, hour) => ` ${String(hour).padStart(2, '0')} `);
  w.use('mono', runSize(cellWidth), MUTED);
  w.doc.text(labels.join('').trimEnd(), x, y, { lineBreak: false });
}

/** `text` centred in the column from `x`, `width` wide, on one line. */
function centredText(doc: PDFKit.PDFDocument, text: string, x: number, width: number, y: number): void {
  doc.text(text, x + (width - doc.widthOfString(text)) / 2, y, { lineBreak: false });
}
