/**
 * A table of short cells: a header row, repeated at the top of every page the table runs onto, and
 * rows that are never split across pages. A row may carry notes, full-width lines under its cells (a
 * hash, a reference). Cells go through the writer's `fit`, so a long unbroken value wraps inside its
 * column; a row taller than a page is cut short with an ellipsis rather than overflowing it.
 */
import { digitShape, hasUniformDigits } from './digit-shapes';
import { PDF_FONTS, type PdfFont } from './pdf-document';
import { MUTED, type PdfWriter } from './pdf-writer';

export interface PdfTableColumn {
  header: string;
  /** Share of the table's width (columns are sized in proportion to their weights). */
  weight: number;
  font?: PdfFont;
}

export interface PdfTableRow {
  cells: readonly string[];
  /** Lines under the row's cells, across the table's width, in the table's note font. */
  notes?: readonly string[];
}

export interface PdfTable {
  columns: readonly PdfTableColumn[];
  rows: readonly PdfTableRow[];
  /** Font size of headers and cells. */
  size?: number;
  noteFont?: PdfFont;
  noteSize?: number;
}

const GAP = 8;
const NOTE_INDENT = 14;
const ROW_SPACING = 3;

interface Column {
  header: string;
  x: number;
  width: number;
  font: PdfFont;
}

/** Draws `table` at the writer's current position. */
export function drawTable(writer: PdfWriter, table: PdfTable): void {
  const size = table.size ?? 8.5;
  const noteFont = table.noteFont ?? 'mono';
  const noteSize = table.noteSize ?? 6.5;
  const columns = layColumns(writer, table.columns);
  const { doc } = writer;

  const headerHeight = measureHeader(writer, columns, size);
  writer.ensureSpace(headerHeight * 2);
  drawHeader(writer, columns, size);

  // Tables repeat cells (a target's number, a type, a party): each column's cells are fitted and measured
  // once. Cells that differ only in their digits (times, row numbers) fit and wrap alike (digit-shapes.ts):
  // one of each shape is laid out, and a cell that fitting left as it was lends its lines to the rest.
  const laidOut = columns.map(() => new Map<string, LaidOutCell>());
  const shapes = columns.map(() => new Map<string, { lines: number; unchanged: boolean }>());
  const uniformDigits = columns.map((c) => hasUniformDigits(PDF_FONTS[c.font]));
  const layCell = (cell: string, i: number): LaidOutCell => {
    let found = laidOut[i].get(cell);
    if (found !== undefined) return found;
    const shape = uniformDigits[i] ? digitShape(cell) : null;
    const twin = shape === null ? undefined : shapes[i].get(shape);
    if (twin?.unchanged === true) {
      found = { text: cell, lines: twin.lines };
    } else {
      // `fit` leaves the column's font and size set; `use` would also write a colour into the page.
      const text = writer.fit(cell, columns[i].width, columns[i].font, size);
      found = { text, lines: Math.round(doc.heightOfString(text, { width: columns[i].width }) / doc.currentLineHeight(true)) };
      if (shape !== null && twin === undefined) shapes[i].set(shape, { lines: found.lines, unchanged: text === cell });
    }
    laidOut[i].set(cell, found);
    return found;
  };

  for (const row of table.rows) {
    if (row.cells.length !== columns.length) {
      throw new RangeError(`drawTable: a row has ${row.cells.length} cells for ${columns.length} columns`);
    }
    const laid = row.cells.map(layCell);
    const cells = laid.map((cell) => cell.text);
    const cellHeights = laid.map((cell, i) => {
      writer.use(columns[i].font, size);
      return heightOfLines(doc, cell.lines);
    });
    const notes = (row.notes ?? []).map((note) => writer.fit(note, writer.width - NOTE_INDENT, noteFont, noteSize));
    writer.use(noteFont, noteSize);
    const notesHeight = notes.reduce((sum, note) => sum + doc.heightOfString(note, { width: writer.width - NOTE_INDENT }), 0);

    // A row never runs past the foot of a page: what a full page cannot hold is cut short.
    const room = writer.bodyHeight() - headerHeight - notesHeight - ROW_SPACING;
    const rowHeight = Math.min(Math.max(...cellHeights), room);
    if (writer.ensureSpace(rowHeight + notesHeight + ROW_SPACING)) drawHeader(writer, columns, size);

    const top = doc.y;
    cells.forEach((cell, i) => {
      const clipped = cellHeights[i] > rowHeight;
      writer.use(columns[i].font, size);
      doc.text(cell, columns[i].x, top, {
        width: columns[i].width,
        ...(clipped ? { height: rowHeight, ellipsis: true } : {}),
      });
    });
    doc.y = top + rowHeight;
    writer.use(noteFont, noteSize, MUTED);
    for (const note of notes) doc.text(note, writer.left + NOTE_INDENT, doc.y, { width: writer.width - NOTE_INDENT });
    doc.fillColor('black');
    doc.x = writer.left;
    doc.y += ROW_SPACING;
  }
}

/** A cell as drawn: its text fitted to its column, and the lines pdfkit wraps it into there. */
interface LaidOutCell {
  text: string;
  lines: number;
}

/**
 * What `doc.heightOfString` gives for text of `lines` lines in the current font: with no height limit the
 * number of lines depends only on the text, font, size and width, and pdfkit adds one line height per line
 * to the current y, so the same sums here give the same number, to the last bit.
 */
function heightOfLines(doc: PDFKit.PDFDocument, lines: number): number {
  const start = doc.y;
  const lineHeight = doc.currentLineHeight(true);
  let y = start;
  for (let i = 0; i < lines; i += 1) y += lineHeight;
  return y - start;
}

function layColumns(writer: PdfWriter, specs: readonly PdfTableColumn[]): Column[] {
  if (specs.length === 0) throw new RangeError('drawTable: a table needs at least one column');
  const total = specs.reduce((sum, c) => sum + c.weight, 0);
  const usable = writer.width - GAP * (specs.length - 1);
  let x = writer.left;
  return specs.map((spec) => {
    const width = (usable * spec.weight) / total;
    const column = { header: spec.header, x, width, font: spec.font ?? 'regular' };
    x += width + GAP;
    return column;
  });
}

function measureHeader(writer: PdfWriter, columns: readonly Column[], size: number): number {
  return Math.max(
    ...columns.map((c) => {
      const text = writer.fit(c.header, c.width, 'bold', size);
      return writer.doc.heightOfString(text, { width: c.width });
    }),
  ) + 4;
}

function drawHeader(writer: PdfWriter, columns: readonly Column[], size: number): void {
  const { doc } = writer;
  const top = doc.y;
  let bottom = top;
  for (const c of columns) {
    const text = writer.fit(c.header, c.width, 'bold', size);
    writer.use('bold', size, MUTED);
    doc.text(text, c.x, top, { width: c.width });
    bottom = Math.max(bottom, doc.y);
  }
  doc.y = bottom + 1;
  writer.rule();
  doc.y += 3;
  doc.fillColor('black');
  doc.x = writer.left;
}
