/**
 * The body of a document, top to bottom: a title, headings, paragraphs, label/value rows and (through
 * pdf-table.ts) tables, letting pdfkit flow long text onto new pages. Every string is made printable
 * (win-ansi.ts) and has its over-wide tokens broken for the column it goes into (token-breaks.ts), so no
 * input can make pdfkit lay out a line by trial (docs/architecture.md §10, PDF).
 */
import { PDF_FONTS, type PdfFont } from './pdf-document';
import { breakLongTokens } from './token-breaks';
import { toWinAnsi } from './win-ansi';

/** Grey of secondary text (labels, notes, "Not recorded"). */
export const MUTED = '#444444';
const RULE = '#999999';
/** Width of the label column of {@link PdfWriter.field} rows. */
const LABEL_COLUMN = 150;
const COLUMN_GAP = 10;
const FIELD_SIZE = 9;
/**
 * Strings up to this long have their width remembered per font and size (characters, words, short cells:
 * what tables repeat); longer ones, such as the prefixes of a token being broken, are measured each time.
 */
const MEMO_LENGTH = 48;

export interface FieldOptions {
  /** Font of the label (bold unless said otherwise). */
  labelFont?: PdfFont;
  /** Print the value in grey: a placeholder such as "Not recorded" rather than a value. */
  mutedValue?: boolean;
}

export interface ParagraphOptions {
  size?: number;
  muted?: boolean;
  font?: PdfFont;
}

export class PdfWriter {
  /** Left edge and width of the body. */
  readonly left: number;
  readonly width: number;
  /** Width of a string by font and size, remembered for short strings (a string's width depends on nothing else). */
  private readonly measures = new Map<string, (text: string) => number>();

  constructor(readonly doc: PDFKit.PDFDocument) {
    this.left = doc.page.margins.left;
    this.width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  }

  /** Sets the font; every later measure and draw uses it. */
  use(font: PdfFont, size: number, color = 'black'): this {
    this.doc.font(PDF_FONTS[font]).fontSize(size).fillColor(color);
    return this;
  }

  /** `text` ready to draw `width` wide in `font` at `size`: printable, and no token wider than the column. */
  fit(text: string, width: number, font: PdfFont, size: number): string {
    this.doc.font(PDF_FONTS[font]).fontSize(size);
    return breakLongTokens(toWinAnsi(text), width, this.measureIn(font, size));
  }

  /** `widthOfString` in `font` at `size` (which must be the document's current font and size when it is called). */
  private measureIn(font: PdfFont, size: number): (text: string) => number {
    const key = `${font}\u0000${size}`;
    let measure = this.measures.get(key);
    if (measure === undefined) {
      const widths = new Map<string, number>();
      measure = (text: string): number => {
        if (text.length > MEMO_LENGTH) return this.doc.widthOfString(text);
        let width = widths.get(text);
        if (width === undefined) {
          width = this.doc.widthOfString(text);
          widths.set(text, width);
        }
        return width;
      };
      this.measures.set(key, measure);
    }
    return measure;
  }

  /** The document title, and a line under it in grey. */
  title(text: string, subtitle?: string): void {
    const { doc } = this;
    const title = this.fit(text, this.width, 'bold', 14);
    this.use('bold', 14);
    doc.text(title, this.left, doc.page.margins.top, { width: this.width });
    if (subtitle !== undefined) {
      doc.moveDown(0.3);
      this.paragraph(subtitle, { size: 9.5, muted: true });
    }
    doc.moveDown(0.6);
  }

  /** A section heading with a rule under it, kept with at least a few lines of what follows. */
  heading(text: string): void {
    const { doc } = this;
    doc.moveDown(0.4);
    this.ensureSpace(60);
    const heading = this.fit(text, this.width, 'bold', 11.5);
    this.use('bold', 11.5);
    doc.text(heading, this.left, doc.y, { width: this.width });
    doc.moveDown(0.1);
    this.rule();
    doc.moveDown(0.3);
  }

  /** Text across the body's width, flowing onto new pages as needed. */
  paragraph(text: string, options: ParagraphOptions = {}): void {
    const { doc } = this;
    const font = options.font ?? 'regular';
    const size = options.size ?? 10;
    const prepared = this.fit(text, this.width, font, size);
    this.use(font, size, options.muted === true ? MUTED : 'black');
    doc.text(prepared, this.left, doc.y, { width: this.width });
    doc.fillColor('black');
  }

  /** Label in a left column, value to its right; a long value flows onto the next page(s). */
  field(label: string, value: string, options: FieldOptions = {}): void {
    const { doc } = this;
    const labelFont = options.labelFont ?? 'bold';
    const valueX = this.left + LABEL_COLUMN + COLUMN_GAP;
    const valueWidth = this.width - LABEL_COLUMN - COLUMN_GAP;
    const labelText = this.fit(label, LABEL_COLUMN, labelFont, FIELD_SIZE);
    const labelHeight = doc.heightOfString(labelText, { width: LABEL_COLUMN });
    const valueText = this.fit(value, valueWidth, 'regular', FIELD_SIZE);
    // Start on a new page unless the label and the first lines of the value fit on this one.
    const firstLines = Math.min(doc.heightOfString(valueText, { width: valueWidth }), doc.currentLineHeight(true) * 3);
    this.ensureSpace(Math.max(labelHeight, firstLines));

    const top = doc.y;
    const pageBefore = this.pageCount();
    this.use(labelFont, FIELD_SIZE, MUTED);
    doc.text(labelText, this.left, top, { width: LABEL_COLUMN });
    const labelBottom = doc.y;
    this.use('regular', FIELD_SIZE, options.mutedValue === true ? MUTED : 'black');
    doc.text(valueText, valueX, top, { width: valueWidth });
    if (this.pageCount() === pageBefore) doc.y = Math.max(labelBottom, doc.y);
    doc.fillColor('black');
    doc.x = this.left;
    doc.moveDown(0.05);
  }

  /** A thin rule across the body at the current line. */
  rule(): void {
    const { doc } = this;
    doc
      .moveTo(this.left, doc.y)
      .lineTo(this.left + this.width, doc.y)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
  }

  moveDown(lines: number): void {
    this.doc.moveDown(lines);
  }

  /** Height of the body of a page, between the margins. */
  bodyHeight(): number {
    const { page } = this.doc;
    return page.height - page.margins.top - page.margins.bottom;
  }

  /** Starts a new page unless `height` more points fit on this one; true when it did. */
  ensureSpace(height: number): boolean {
    const { doc } = this;
    if (doc.y + height > doc.page.maxY() && doc.y > doc.page.margins.top) {
      doc.addPage();
      doc.x = this.left;
      doc.y = doc.page.margins.top;
      return true;
    }
    return false;
  }

  pageCount(): number {
    return this.doc.bufferedPageRange().count;
  }
}
