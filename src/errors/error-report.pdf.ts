/**
 * Renders an {@link ErrorReportView} as the PDF report of a communications-data error to the
 * Investigatory Powers Commissioner (docs/law.md §4.3), marked OFFICIAL-SENSITIVE in the header and
 * footer of every page (docs/law.md §5).
 *
 * - pdfkit with the standard-14 fonts only (Helvetica, Helvetica-Bold, Courier for hashes): nothing is
 *   embedded, so rendering is fast (docs/architecture.md §10, PDF) — but those fonts only cover WinAnsi (Latin-1 plus a
 *   few typographic characters), so every string goes through {@link toWinAnsi} first; pdfkit would
 *   otherwise write garbage for, e.g., "Ł" or "→".
 * - Pages are buffered (`bufferPages`) and the header/footer ("Page x of y") stamped once the content is
 *   laid out, with the page's bottom margin set to 0 while stamping: text below the bottom margin
 *   would otherwise make pdfkit add a page.
 * - Deterministic: the only time-dependent inputs of pdfkit 0.20 are `info.CreationDate` (default
 *   `new Date()`) and the trailer `/ID`, which pdfkit derives as MD5 over the info dictionary
 *   (`PDFSecurity.generateFileID`), not from randomness. Both come from `options.creationDate` (and the
 *   title, which carries the error id), so the same view and creation date give byte-identical output;
 *   the spec checks it.
 */
import PDFDocument from 'pdfkit';
import {
  REPORT_FIELD_LABELS,
  REPORT_IDENTIFICATION_LABELS as ID_LABELS,
  NOT_RECORDED,
  REPORT_MARKING,
  REPORT_TITLE,
  formatErrorKind,
  formatReportValue,
  type ErrorReportHistoryRow,
  type ErrorReportView,
} from './error-report.view';

export interface RenderErrorReportPdfOptions {
  /** Written as the PDF's CreationDate and ModDate (and so into its `/ID`): pass a fixed date in tests. */
  creationDate: Date;
}

const PRODUCER = 'cd-workflow';

const FONT = 'Helvetica';
const FONT_BOLD = 'Helvetica-Bold';
const FONT_MONO = 'Courier';

/** A4 in points; margins leave room for the stamped header (top) and two footer lines (bottom). */
const MARGINS = { top: 62, bottom: 72, left: 50, right: 50 } as const;
const HEADER_Y = 26;
const FOOTER_MARKING_OFFSET = 52; // from the bottom edge
const FOOTER_PAGE_OFFSET = 38;

const LABEL_COLUMN = 150;
const COLUMN_GAP = 10;
const MUTED = '#444444';
const RULE = '#999999';

export async function renderErrorReportPdf(
  view: ErrorReportView,
  options: RenderErrorReportPdfOptions,
): Promise<Buffer> {
  const { creationDate } = options;
  if (!(creationDate instanceof Date) || Number.isNaN(creationDate.getTime())) {
    throw new TypeError('renderErrorReportPdf: options.creationDate must be a valid Date');
  }

  const doc = new PDFDocument({
    size: 'A4',
    margins: { ...MARGINS },
    bufferPages: true,
    autoFirstPage: true,
    compress: true,
    font: FONT,
    lang: 'en-GB',
    displayTitle: true,
    info: {
      Title: toWinAnsi(`${REPORT_TITLE} (${view.errorId})`),
      Subject: REPORT_MARKING,
      Producer: PRODUCER,
      Creator: PRODUCER,
      CreationDate: creationDate,
      ModDate: creationDate,
    },
  });

  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  try {
    new ReportLayout(doc).render(view);
    stampHeadersAndFooters(doc);
  } catch (error) {
    doc.end();
    await done.catch(() => undefined);
    throw error;
  }
  doc.end();
  return done;
}

/** Writes the body of the report top to bottom, letting pdfkit flow long text onto new pages. */
class ReportLayout {
  private readonly left: number;
  private readonly width: number;

  constructor(private readonly doc: PDFKit.PDFDocument) {
    this.left = doc.page.margins.left;
    this.width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  }

  render(view: ErrorReportView): void {
    this.title(view);
    this.identification(view);
    this.reportFields(view);
    this.timeline(view);
    this.history(view.history);
    this.generated(view);
  }

  private title(view: ErrorReportView): void {
    const { doc } = this;
    doc.font(FONT_BOLD).fontSize(14).fillColor('black');
    doc.text(toWinAnsi(REPORT_TITLE), this.left, doc.page.margins.top, { width: this.width });
    doc.moveDown(0.3);
    doc.font(FONT).fontSize(9.5).fillColor(MUTED);
    doc.text(
      toWinAnsi(
        `Investigatory Powers Act 2016, Part 3. Error ${view.errorId}, ${view.authorityName}. ` +
          'Handle on a need-to-know basis.',
      ),
      this.left,
      doc.y,
      { width: this.width },
    );
    doc.fillColor('black');
    doc.moveDown(0.6);
  }

  private identification(view: ErrorReportView): void {
    this.heading('1. Identification');
    const rows: [string, string][] = [
      [ID_LABELS.errorId, view.errorId],
      [ID_LABELS.authorityName, view.authorityName],
      [ID_LABELS.status, view.status],
      [ID_LABELS.kind, formatErrorKind(view.kind)],
      [ID_LABELS.causeCode, formatReportValue(view.causeCode)],
      [ID_LABELS.responsibleParty, formatReportValue(view.responsibleParty)],
      [ID_LABELS.isIpRelated, formatReportValue(view.isIpRelated)],
      [ID_LABELS.reportDueAt, formatReportValue(view.reportDueAt)],
      [ID_LABELS.agreedDueAt, formatReportValue(view.agreedDueAt)],
      // One per line: URNs contain hyphens, where pdfkit may otherwise break a line.
      [ID_LABELS.linkedUrns, listOrNone(view.linkedUrns)],
      [ID_LABELS.linkedDisclosureRequestIds, listOrNone(view.linkedDisclosureRequestIds)],
    ];
    for (const [label, value] of rows) this.keyValue(label, value);
  }

  private reportFields(view: ErrorReportView): void {
    this.heading('2. Details of the error');
    for (const { key, label } of REPORT_FIELD_LABELS) {
      this.keyValue(label, formatReportValue(view.fields[key]));
    }
  }

  private timeline(view: ErrorReportView): void {
    this.heading('3. Timeline');
    if (view.timeline.length === 0) {
      this.note('No timeline entries.');
      return;
    }
    for (const entry of view.timeline) this.keyValue(entry.at, entry.label, FONT);
  }

  private history(rows: readonly ErrorReportHistoryRow[]): void {
    this.heading('4. History (hash chain)');
    if (rows.length === 0) {
      this.note('No history recorded.');
      return;
    }
    for (const row of rows) this.historyRow(row);
  }

  private generated(view: ErrorReportView): void {
    const { doc } = this;
    doc.moveDown(0.3);
    this.ensureSpace(20);
    this.rule();
    doc.moveDown(0.2);
    doc.font(FONT).fontSize(9).fillColor(MUTED);
    doc.text(toWinAnsi(`Generated by ${view.generatedBy} at ${view.generatedAt}.`), this.left, doc.y, {
      width: this.width,
    });
    doc.fillColor('black');
  }

  // ---- building blocks -------------------------------------------------------------------------

  private heading(text: string): void {
    const { doc } = this;
    doc.moveDown(0.4);
    // Keep a heading with at least a few lines of what follows it.
    this.ensureSpace(60);
    doc.font(FONT_BOLD).fontSize(11.5).fillColor('black');
    doc.text(toWinAnsi(text), this.left, doc.y, { width: this.width });
    doc.moveDown(0.1);
    this.rule();
    doc.moveDown(0.3);
  }

  private note(text: string): void {
    this.doc.font(FONT).fontSize(10).fillColor(MUTED);
    this.doc.text(toWinAnsi(text), this.left, this.doc.y, { width: this.width });
    this.doc.fillColor('black');
  }

  /** Label in a left column, value to its right; a long value flows onto the next page(s). */
  private keyValue(label: string, value: string, labelFont: string = FONT_BOLD): void {
    const { doc } = this;
    const valueX = this.left + LABEL_COLUMN + COLUMN_GAP;
    const valueWidth = this.width - LABEL_COLUMN - COLUMN_GAP;
    const labelText = toWinAnsi(label);
    const valueText = toWinAnsi(value);

    doc.font(labelFont).fontSize(9);
    const labelHeight = doc.heightOfString(labelText, { width: LABEL_COLUMN });
    doc.font(FONT).fontSize(9);
    const firstLines = Math.min(doc.heightOfString(valueText, { width: valueWidth }), doc.currentLineHeight(true) * 3);
    this.ensureSpace(Math.max(labelHeight, firstLines));

    const top = doc.y;
    const pageBefore = this.pageCount();
    doc.font(labelFont).fontSize(9).fillColor(MUTED);
    doc.text(labelText, this.left, top, { width: LABEL_COLUMN });
    const labelBottom = doc.y;
    doc.font(FONT).fontSize(9).fillColor(valueText === NOT_RECORDED ? MUTED : 'black');
    doc.text(valueText, valueX, top, { width: valueWidth });
    if (this.pageCount() === pageBefore) doc.y = Math.max(labelBottom, doc.y);
    doc.fillColor('black');
    doc.x = this.left;
    doc.moveDown(0.05);
  }

  private historyRow(row: ErrorReportHistoryRow): void {
    const { doc } = this;
    const indent = 14;
    const innerWidth = this.width - indent;
    const title = toWinAnsi(`${row.position}.  ${row.at}  ${row.event}`);
    const detail = toWinAnsi(`Actor: ${row.actor}    State: ${row.fromState ?? '(none)'} -> ${row.toState}`);
    const hash = toWinAnsi(`hash      ${row.hash}`);
    const prevHash = toWinAnsi(`prev hash ${row.prevHash}`);

    // Keep each row on one page (a row taller than a page still flows).
    doc.font(FONT_BOLD).fontSize(9);
    let height = doc.heightOfString(title, { width: this.width });
    doc.font(FONT).fontSize(8.5);
    height += doc.heightOfString(detail, { width: innerWidth });
    doc.font(FONT_MONO).fontSize(6.5);
    height += doc.heightOfString(hash, { width: innerWidth }) + doc.heightOfString(prevHash, { width: innerWidth });
    this.ensureSpace(height + 6);

    doc.font(FONT_BOLD).fontSize(9).fillColor('black');
    doc.text(title, this.left, doc.y, { width: this.width });
    doc.font(FONT).fontSize(8.5);
    doc.text(detail, this.left + indent, doc.y, { width: innerWidth });
    doc.font(FONT_MONO).fontSize(6.5).fillColor(MUTED);
    doc.text(hash, this.left + indent, doc.y, { width: innerWidth });
    doc.text(prevHash, this.left + indent, doc.y, { width: innerWidth });
    doc.fillColor('black');
    doc.x = this.left;
    doc.moveDown(0.3);
  }

  private rule(): void {
    const { doc } = this;
    doc
      .moveTo(this.left, doc.y)
      .lineTo(this.left + this.width, doc.y)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
  }

  private ensureSpace(height: number): void {
    const { doc } = this;
    if (doc.y + height > doc.page.maxY() && doc.y > doc.page.margins.top) {
      doc.addPage();
      doc.x = this.left;
      doc.y = doc.page.margins.top;
    }
  }

  private pageCount(): number {
    return this.doc.bufferedPageRange().count;
  }
}

/** Header (marking) and footer (marking, "Page x of y") on every buffered page. */
function stampHeadersAndFooters(doc: PDFKit.PDFDocument): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i += 1) {
    doc.switchToPage(i);
    const page = doc.page;
    const savedBottom = page.margins.bottom;
    page.margins.bottom = 0; // writing below the bottom margin would otherwise add a page
    try {
      doc.fillColor('black');
      centred(doc, REPORT_MARKING, HEADER_Y, FONT_BOLD, 10);
      centred(doc, REPORT_MARKING, page.height - FOOTER_MARKING_OFFSET, FONT_BOLD, 10);
      centred(doc, `Page ${i - start + 1} of ${count}`, page.height - FOOTER_PAGE_OFFSET, FONT, 8.5);
    } finally {
      page.margins.bottom = savedBottom;
    }
  }
}

function centred(doc: PDFKit.PDFDocument, text: string, y: number, font: string, size: number): void {
  doc.font(font).fontSize(size);
  const x = (doc.page.width - doc.widthOfString(text)) / 2;
  doc.text(text, x, y, { lineBreak: false });
}

function listOrNone(values: readonly string[]): string {
  return values.length === 0 ? 'None' : values.join('\n');
}

/** Code points above 0xFF that the standard-14 fonts' WinAnsi encoding still covers (pdfkit's map). */
const WIN_ANSI_EXTRA = new Set([
  0x0152, 0x0153, 0x0160, 0x0161, 0x0178, 0x017d, 0x017e, 0x0192, 0x02c6, 0x02dc, 0x2013, 0x2014, 0x2018,
  0x2019, 0x201a, 0x201c, 0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
]);

/** Replacements for common characters that neither WinAnsi nor NFKD decomposition covers. */
const FALLBACKS: Readonly<Record<string, string>> = {
  '\u0141': 'L',
  '\u0142': 'l',
  '\u0110': 'D',
  '\u0111': 'd',
  '\u0131': 'i',
  '\u2192': '->',
  '\u2190': '<-',
  '\u2212': '-',
  '\u2010': '-',
  '\u2011': '-',
  '\u00a0': ' ',
  '\u202f': ' ',
};

function isWinAnsi(cp: number): boolean {
  return cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) || WIN_ANSI_EXTRA.has(cp);
}

/**
 * Makes a string printable with the standard-14 fonts: CRLF/CR to LF, tabs to spaces, accents stripped
 * where the base letter is printable, a few look-alikes substituted, anything else as "?".
 */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const ch of text.replace(/\r\n?/g, '\n').replace(/\t/g, '    ')) {
    const cp = ch.codePointAt(0) ?? 0;
    const fallback = FALLBACKS[ch];
    if (fallback !== undefined) {
      out += fallback;
    } else if (isWinAnsi(cp)) {
      out += ch;
    } else {
      const base = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      out += base !== '' && [...base].every((c) => isWinAnsi(c.codePointAt(0) ?? 0)) ? base : '?';
    }
  }
  return out;
}
