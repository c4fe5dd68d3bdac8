/**
 * Renders a product's frozen content (product-content.ts) as its PDF, with the kit of src/pdf
 * (docs/architecture.md §14): the protective marking and the handling caveat in the header and footer of
 * every page, "Page x of y", and a body a person reads in plain English, with codes in words and times in
 * Europe/London with the zone named. Only the returned data's own columns print UTC times and the CSP's
 * values (product-record-tables.ts).
 *
 * The document opens "at a glance" (product-summary.ts): the one-line answers for subscriber details and
 * IP address resolutions, and for call records the contacts ranked by events and the activity chart
 * (product-activity-chart.ts), on a summary page before the full tables. Then the authority (nothing else
 * from the application: its investigation summary could reveal a source), the requests, the returned data,
 * the SPOC's verification statement, the caveats and the provenance, with the SHA-256 of every return used.
 * An evidential product is laid out as an exhibit with its continuity; an intelligence product shows its
 * handling caveat on the first page and says what it withholds, without printing it.
 *
 * Deterministic: the only instant used is `issuedAt` (the PDF's creation date), so the same content gives
 * the same bytes. Synchronous layout on the calling thread: the service renders through the worker pool
 * (product.worker.ts), never on the event loop (docs/architecture.md §10, PDF).
 */
import { drawTable } from '../pdf/pdf-table';
import type { PdfWriter } from '../pdf/pdf-writer';
import { londonTime, wordsFor } from '../pdf/plain-english';
import { renderPdf } from '../pdf/render-pdf';
import { STATUTORY_PURPOSE_LABELS } from '../workflow/application.labels';
import { drawActivityChart } from './product-activity-chart';
import { PRODUCT_CONTENT_VERSION, type ProductCheckResult, type ProductContent, type ProductItem, type ProductRequest } from './product-content';
import {
  CONTINUITY_LABELS,
  WITHHELD_LABELS,
} from './product-labels';
import { PRODUCT_HANDLING_LABELS, PRODUCT_KIND_LABELS } from '../workflow/product.labels';
import { RETURN_CHECK_LABELS } from '../workflow/return-checks';
import { DATA_CATEGORY_LABELS, DATA_SUBTYPE_LABELS, IDENTIFIER_TYPE_LABELS, PERIOD_KIND_LABELS, ROUTE_LABELS } from '../workflow/application-form.labels';
import { drawRecordTables } from './product-record-tables';
import { summariseProduct, type CallRecordSummary } from './product-summary';

export const PRODUCT_TITLE = 'Communications data product';
export const SUMMARY_HEADING = 'Read at a glance';
/** Contacts listed on the summary page, most events first; every contact is in the table of call records. */
export const SUMMARY_CONTACTS = 10;
/** Headings of the contacts table on the summary page (tests read them back). */
export const CONTACT_COLUMNS = Object.freeze({ contact: 'Contact', events: 'Events', firstSeen: 'First seen', lastSeen: 'Last seen' } as const);
export const SECTION_HEADINGS = Object.freeze({
  authority: '1. Authority',
  requests: '2. Requests',
  data: '3. Returned data',
  verification: "4. The SPOC's verification",
  caveats: '5. Caveats',
  provenance: '6. Provenance',
  continuity: '7. Exhibit continuity',
} as const);
export const NOT_RECORDED = 'Not recorded';

/**
 * The product's PDF.
 * @throws RangeError (as a rejection) when the content is of a version this renderer does not know.
 */
export function renderProductPdf(content: ProductContent): Promise<Buffer> {
  // Stored content of a later shape than this renderer knows is refused, not guessed at.
  const version: unknown = content.contentVersion;
  if (version !== PRODUCT_CONTENT_VERSION) {
    return Promise.reject(new RangeError(`renderProductPdf: content version ${String(version)} is not ${PRODUCT_CONTENT_VERSION}`));
  }
  return renderPdf(
    {
      title: `${PRODUCT_TITLE} ${content.urn} (product ${content.productNumber})`,
      subject: content.marking,
      marking: content.marking,
      caveat: content.handlingCaveat,
      creationDate: new Date(content.issuedAt),
    },
    (writer) => writeProduct(writer, content),
  );
}

function writeProduct(w: PdfWriter, content: ProductContent): void {
  const returnNumber = new Map<string, number>();
  for (const request of content.requests) for (const ret of request.returns) returnNumber.set(ret.returnId, returnNumber.size + 1);
  const cspWithheld = content.withheld.includes('cspNames');

  front(w, content);
  summary(w, content);
  authority(w, content);
  requests(w, content, cspWithheld);
  w.heading(SECTION_HEADINGS.data);
  if (content.records.length === 0) w.paragraph('No rows were returned.', { muted: true });
  else drawRecordTables(w, content.records, returnNumber);
  verification(w, content, returnNumber);
  caveats(w, content);
  provenance(w, content, cspWithheld);
  continuity(w, content);
}

/** The title, then the exhibit's label or, for intelligence, the handling caveat and what is withheld. */
function front(w: PdfWriter, content: ProductContent): void {
  w.title(
    PRODUCT_TITLE,
    `${PRODUCT_KIND_LABELS[content.kind]} ${content.productNumber}. ${PRODUCT_HANDLING_LABELS[content.handling]}. URN ${content.urn}. ${content.authorityName}.`,
  );
  if (content.exhibit !== null) {
    w.paragraph(`Exhibit ${content.exhibit.reference}`, { font: 'bold', size: 13 });
    w.paragraph(`Produced by ${content.exhibit.producer.displayName}`, { size: 10 });
    w.moveDown(0.4);
    return;
  }
  const withheld = content.withheld.length === 0 ? 'Nothing is withheld from this product.' : `${content.withheld.map((f) => WITHHELD_LABELS[f]).join('. ')}.`;
  boxed(w, [
    { text: `Handling: ${content.handlingCaveat}`, bold: true },
    { text: withheld, bold: false },
  ]);
}

/** Lines of text in a ruled box across the body, kept on one page. */
function boxed(w: PdfWriter, lines: readonly { text: string; bold: boolean }[]): void {
  const { doc } = w;
  const pad = 6;
  const inner = w.width - 2 * pad;
  const prepared = lines.map((line) => {
    const font = line.bold ? ('bold' as const) : ('regular' as const);
    const text = w.fit(line.text, inner, font, 10);
    return { text, font, height: doc.heightOfString(text, { width: inner }) };
  });
  const height = prepared.reduce((sum, line) => sum + line.height + 2, 0) + 2 * pad;
  w.ensureSpace(height);
  const top = doc.y;
  doc.lineWidth(1.2).strokeColor('black').rect(w.left, top, w.width, height).stroke();
  doc.y = top + pad;
  for (const line of prepared) {
    w.use(line.font, 10);
    doc.text(line.text, w.left + pad, doc.y, { width: inner });
    doc.y += 2;
  }
  doc.x = w.left;
  doc.y = top + height;
  w.moveDown(0.6);
}

/** "Read at a glance": the one-line answers, then each identifier's calls on a page of their own. */
function summary(w: PdfWriter, content: ProductContent): void {
  const { answers, callRecords } = summariseProduct(content);
  if (answers.length === 0 && callRecords.length === 0) return;
  w.heading(SUMMARY_HEADING);
  for (const answer of answers) for (const line of answer.lines) w.paragraph(`\u2022 ${line}.`, { size: 9.5 });
  callRecords.forEach((calls, i) => {
    if (i > 0) startPage(w);
    if (answers.length > 0 || i > 0) w.moveDown(0.6);
    callSummary(w, calls);
  });
  // The summary is a page of its own when it has a chart: the full tables start on the next.
  if (callRecords.length > 0) startPage(w);
}

function callSummary(w: PdfWriter, calls: CallRecordSummary): void {
  w.ensureSpace(120);
  w.paragraph(`Calls and messages of ${calls.identifier}`, { font: 'bold', size: 10.5 });
  const span =
    calls.firstEvent === null || calls.lastEvent === null ? '' : `, from ${londonTime(calls.firstEvent)} to ${londonTime(calls.lastEvent)}`;
  const events = `${calls.events} ${calls.events === 1 ? 'event' : 'events'}`;
  const contacts = `${calls.contacts.length} ${calls.contacts.length === 1 ? 'contact' : 'contacts'}`;
  w.paragraph(`${events} with ${contacts}${span}.`, { size: 9 });
  const notes: string[] = [];
  const { withoutContact } = calls;
  const { untimed } = calls.activity;
  if (withoutContact > 0) notes.push(withoutContact === 1 ? '1 event names no other party.' : `${withoutContact} events name no other party.`);
  if (untimed > 0) {
    notes.push(untimed === 1 ? '1 event has no time that can be placed and is not in the chart.' : `${untimed} events have no time that can be placed and are not in the chart.`);
  }
  if (notes.length > 0) w.paragraph(notes.join(' '), { size: 8.5, muted: true });
  w.moveDown(0.4);

  const shown = calls.contacts.slice(0, SUMMARY_CONTACTS);
  if (shown.length > 0) {
    w.paragraph(
      calls.contacts.length > shown.length
        ? `The ${shown.length} contacts with most events (of ${calls.contacts.length}); every event is in the table of call records.`
        : 'Contacts, most events first.',
      { size: 8.5, muted: true },
    );
    drawTable(w, {
      columns: [
        { header: CONTACT_COLUMNS.contact, weight: 2.2 },
        { header: CONTACT_COLUMNS.events, weight: 0.7 },
        { header: CONTACT_COLUMNS.firstSeen, weight: 1.6 },
        { header: CONTACT_COLUMNS.lastSeen, weight: 1.6 },
      ],
      rows: shown.map((c) => ({
        cells: [c.contact, String(c.events), c.firstSeen === null ? 'No time given' : londonTime(c.firstSeen), c.lastSeen === null ? 'No time given' : londonTime(c.lastSeen)],
      })),
      size: 8,
    });
    w.moveDown(0.6);
  }
  w.paragraph('Activity: events by day and hour', { font: 'bold', size: 9.5 });
  w.moveDown(0.3);
  drawActivityChart(w, calls.activity);
}

function authority(w: PdfWriter, content: ProductContent): void {
  w.heading(SECTION_HEADINGS.authority);
  const a = content.authorisation;
  const rows: [string, string | null][] = [
    ['Authorised by', a.route === null ? null : wordsFor(ROUTE_LABELS, a.route)],
    ["Authoriser's office", a.authoriserOffice],
    ['Decided at', a.decidedAt === null ? null : londonTime(a.decidedAt)],
    ['Valid from', a.validFrom === null ? null : londonTime(a.validFrom)],
    ['Valid until', a.validUntil === null ? null : londonTime(a.validUntil)],
    ['Statutory purpose', a.statutoryPurpose === null ? null : wordsFor(STATUTORY_PURPOSE_LABELS, a.statutoryPurpose)],
  ];
  for (const [label, value] of rows) w.field(label, value ?? NOT_RECORDED, { mutedValue: value === null });
}

function requests(w: PdfWriter, content: ProductContent, cspWithheld: boolean): void {
  w.heading(SECTION_HEADINGS.requests);
  if (content.requests.length === 0) w.paragraph('No requests.', { muted: true });
  content.requests.forEach((request, i) => {
    if (i > 0) w.moveDown(0.5);
    w.ensureSpace(60);
    w.paragraph(`Request ${i + 1}`, { font: 'bold', size: 10 });
    w.moveDown(0.2);
    requestFields(w, request, cspWithheld);
    request.items.forEach((item, j) => itemFields(w, item, j + 1));
  });
}

function requestFields(w: PdfWriter, request: ProductRequest, cspWithheld: boolean): void {
  // A withheld CSP is not named, nor said to be missing: the line is left out.
  if (request.cspName !== null || !cspWithheld) w.field('Communications service provider', request.cspName ?? NOT_RECORDED, { mutedValue: request.cspName === null });
  if (request.cspReference !== null) w.field("CSP's reference", request.cspReference);
  w.field('Sent', request.sentAt === null ? 'Not sent' : londonTime(request.sentAt), { mutedValue: request.sentAt === null });
  w.field('Returned', request.returnedAt === null ? 'No return used' : londonTime(request.returnedAt), { mutedValue: request.returnedAt === null });
  if (request.spocNotes !== null) w.field("SPOC's notes", request.spocNotes);
}

function itemFields(w: PdfWriter, item: ProductItem, number: number): void {
  w.moveDown(0.2);
  w.ensureSpace(50);
  w.paragraph(`Item ${number}`, { font: 'bold', size: 9 });
  w.field('Identifier as authorised', item.identifier);
  w.field('Identifier type', wordsFor(IDENTIFIER_TYPE_LABELS, item.identifierType));
  w.field('Data', `${wordsFor(DATA_SUBTYPE_LABELS, item.subtype)} (${wordsFor(DATA_CATEGORY_LABELS, item.category).toLowerCase()})`);
  const zone = item.timeZone === null ? '' : `; time zone declared: ${item.timeZone}`;
  w.field('Period', `${wordsFor(PERIOD_KIND_LABELS, item.periodKind)}: from ${londonTime(item.periodStart)} to ${londonTime(item.periodEnd)}${zone}`);
}

/**
 * A check's result in words: `Passed`, `Failed on 3 rows, accepted by Pat Spoc at 1 Jul 2026 11:00 BST: …`,
 * `Failed, raised as an error by …: …` (a check on the whole file fails on no row).
 */
export function checkResultWords(check: ProductCheckResult): string {
  if (check.result === 'passed') return 'Passed';
  const reason = check.reason === null || check.reason.trim() === '' ? 'no reason recorded' : check.reason;
  const failed = check.rowCount > 0 ? `Failed on ${check.rowCount} ${check.rowCount === 1 ? 'row' : 'rows'}` : 'Failed';
  const verdict = check.result === 'accepted' ? 'accepted' : 'raised as an error';
  const by = check.reviewedBy ? ` by ${check.reviewedBy.displayName}${check.reviewedAt ? ` at ${londonTime(check.reviewedAt)}` : ''}` : '';
  return `${failed}, ${verdict}${by}: ${reason}`;
}

function verification(w: PdfWriter, content: ProductContent, returnNumber: ReadonlyMap<string, number>): void {
  w.heading(SECTION_HEADINGS.verification);
  const v = content.verification;
  w.paragraph(
    `Every return this product uses was checked against what was authorised (the identifier, the period, the data type and the time zone): each check was passed, or failed and was reviewed by a SPOC, as listed. ${v.by.displayName} issued the product at ${londonTime(v.at)}. Each check, its result and who reviewed it:`,
    { size: 9.5 },
  );
  w.moveDown(0.3);
  if (v.checks.length === 0) {
    w.paragraph('No checks are recorded.', { muted: true });
    return;
  }
  drawTable(w, {
    columns: [
      { header: 'Return', weight: 0.8 },
      { header: 'Check', weight: 2.2 },
      { header: 'Result', weight: 3.4 },
    ],
    rows: v.checks.map((check) => ({
      cells: [`Return ${returnNumber.get(check.returnId) ?? '?'}`, wordsFor(RETURN_CHECK_LABELS, check.code), checkResultWords(check)],
    })),
    size: 8,
  });
}

function caveats(w: PdfWriter, content: ProductContent): void {
  w.heading(SECTION_HEADINGS.caveats);
  if (content.caveats.length === 0) w.paragraph('None.', { muted: true });
  for (const caveat of content.caveats) w.paragraph(`\u2022 ${caveat}`, { size: 9.5 });
}

function provenance(w: PdfWriter, content: ProductContent, cspWithheld: boolean): void {
  w.heading(SECTION_HEADINGS.provenance);
  w.field('Issued at', londonTime(content.issuedAt));
  w.field('Issued by', content.issuedBy.displayName);
  w.field('Product id', content.productId);
  w.field('Product number', String(content.productNumber));
  if (content.supersedes !== null) {
    const s = content.supersedes;
    w.field('Supersedes', `Product ${s.productNumber} (${s.productId}): ${s.reason}`);
  }
  w.moveDown(0.3);
  w.paragraph('The returns used, with the SHA-256 of each file as the CSP sent it:', { size: 9 });
  let n = 0;
  for (const request of content.requests) {
    for (const ret of request.returns) {
      n += 1;
      w.ensureSpace(28);
      // A file name can carry the CSP's name: it is left out with the name.
      const file = cspWithheld ? '' : ` ${ret.fileName},`;
      const rows = ret.nil ? 'a nil return (the CSP holds no such data)' : `${ret.rowCount} ${ret.rowCount === 1 ? 'row' : 'rows'}`;
      w.paragraph(`Return ${n}:${file} received ${londonTime(ret.receivedAt)}, ${rows}`, { size: 9 });
      // Its own line in the fixed-width font: the hash reads back whole.
      w.paragraph(`SHA-256 ${ret.sha256}`, { font: 'mono', size: 8 });
      w.moveDown(0.2);
    }
  }
  if (n === 0) w.paragraph('None.', { muted: true });
}

function continuity(w: PdfWriter, content: ProductContent): void {
  const { exhibit } = content;
  if (exhibit === null) return;
  w.heading(SECTION_HEADINGS.continuity);
  w.paragraph(`Exhibit ${exhibit.reference}, produced by ${exhibit.producer.displayName}.`, { size: 9.5 });
  w.moveDown(0.3);
  if (exhibit.continuity.length === 0) {
    w.paragraph('No continuity entries.', { muted: true });
    return;
  }
  drawTable(w, {
    // Detail is wide enough for a SHA-256 in it to stay on one line.
    columns: [
      { header: 'What', weight: 0.75 },
      { header: 'When', weight: 1.35 },
      { header: 'By', weight: 1.1 },
      { header: 'Detail', weight: 4.6 },
    ],
    rows: exhibit.continuity.map((entry) => ({
      cells: [wordsFor(CONTINUITY_LABELS, entry.what), londonTime(entry.at), entry.by.displayName, entry.detail],
    })),
    size: 7.5,
  });
}

function startPage(w: PdfWriter): void {
  const { doc } = w;
  doc.addPage();
  doc.x = w.left;
  doc.y = doc.page.margins.top;
}
