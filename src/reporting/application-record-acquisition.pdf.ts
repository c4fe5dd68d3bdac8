/**
 * What was obtained under the application, in the record PDF: each request to a CSP with its items and
 * every return with its SHA-256 and the result of every check, passed or failed, with the SPOC's review
 * (docs/returns.md); the products issued, each with its PDF's SHA-256 whole, and their dissemination
 * (docs/law.md §5); and the register entries linked to the application or its requests (docs/law.md §4).
 */
import { drawTable } from '../pdf/pdf-table';
import type { PdfWriter } from '../pdf/pdf-writer';
import { londonTime, wordsFor, yesNo } from '../pdf/plain-english';
import { IDENTIFIER_TYPE_LABELS } from '../workflow/application-form.labels';
import { CD_ERROR_KIND_LABELS, CD_ERROR_STATE_LABELS } from '../workflow/cd-error.labels';
import { DISCLOSURE_REQUEST_STATE_LABELS } from '../workflow/disclosure-request.labels';
import { PRODUCT_HANDLING_LABELS, PRODUCT_KIND_LABELS, RECORD_TYPE_LABELS } from '../workflow/product.labels';
import { RETURN_CHECK_LABELS } from '../workflow/return-checks';
import { CHECK_REVIEW_LABELS, DISSEMINATION_ACTION_LABELS } from './application-record.labels';
import { dataText, periodText } from './application-record-form.pdf';
import { field, instantField, none, subheading, timesInWords, type Sections } from './application-record-text';
import type { ApplicationRecordView, RecordCheck, RecordRequest, RecordReturn } from './application-record.view';

/** Headings of the check table (tests read them back). */
export const CHECK_COLUMNS = Object.freeze({ check: 'Check', result: 'Result', review: "The SPOC's review" } as const);
export const CHECK_PASSED = 'Passed';
export const PDF_HASH_LABEL = 'PDF SHA-256';

/** The requests to CSPs and what came back (docs/architecture.md §7.2; docs/returns.md). */
export function disclosures(w: PdfWriter, s: Sections, view: ApplicationRecordView): void {
  s.heading('Disclosure requests and the checks of their returns');
  if (view.requests.length === 0) {
    none(w, 'No request was made to a communications service provider under this record.');
    return;
  }
  for (const request of view.requests) disclosureRequest(w, request);
}

function disclosureRequest(w: PdfWriter, request: RecordRequest): void {
  subheading(w, `Request ${request.number} to ${request.cspName}`);
  field(w, 'State', wordsFor(DISCLOSURE_REQUEST_STATE_LABELS, request.status));
  field(w, "The operator's reference", request.cspReference);
  instantField(w, 'Made at', request.createdAt);
  field(w, 'Sent', request.sentAt === null ? 'Not sent' : `${londonTime(request.sentAt)}${request.sentBy === null ? '' : ` by ${request.sentBy}`}`);
  if (request.cspStatement !== null) field(w, "The operator's statement", request.cspStatement);
  field(w, 'Checked by the SPOC', request.checkedAt === null ? 'Not yet' : `${londonTime(request.checkedAt)}${request.checkedBy === null ? '' : ` by ${request.checkedBy}`}`);
  if (request.cancelledAt !== null) instantField(w, 'Cancelled at', request.cancelledAt);
  w.moveDown(0.2);
  drawTable(w, {
    columns: [
      { header: 'Item', weight: 0.6 },
      { header: 'Identifier', weight: 2 },
      { header: 'Data', weight: 1.7 },
      { header: 'Period', weight: 2.6 },
    ],
    rows: request.items.map((item) => ({
      cells: [
        item.dataItemRef,
        `${wordsFor(IDENTIFIER_TYPE_LABELS, item.identifierType)}: ${item.normalisedValue}${item.identifierValue === item.normalisedValue ? '' : ` (given as ${item.identifierValue})`}`,
        dataText(item.category, item.subtype),
        periodText(item.periodKind, item.periodStart, item.periodEnd) + (item.timeZone ? ` (${item.timeZone})` : ''),
      ],
    })),
  });
  if (request.returns.length === 0) {
    none(w, 'No return has been received for this request.');
    return;
  }
  request.returns.forEach((r, i) => disclosureReturn(w, request.number, i + 1, r));
}

function disclosureReturn(w: PdfWriter, requestNumber: number, number: number, r: RecordReturn): void {
  subheading(w, `Return ${requestNumber}.${number}: ${r.fileName}`);
  field(w, 'Data item', r.dataItemRef);
  field(w, 'Records of', wordsFor(RECORD_TYPE_LABELS, r.recordType));
  field(w, 'Received', `${londonTime(r.receivedAt)} by ${r.receivedBy}`);
  field(w, 'Rows', String(r.rowCount));
  field(w, 'Nil return', yesNo(r.nil));
  field(w, 'Quarantined', yesNo(r.quarantined));
  field(w, 'Arrived after the authorisation ended', yesNo(r.afterEnd));
  w.paragraph(`SHA-256 of the file ${r.sha256}`, { font: 'mono', size: 7.5 });
  w.moveDown(0.2);
  drawTable(w, {
    columns: [
      { header: CHECK_COLUMNS.check, weight: 2.4 },
      { header: CHECK_COLUMNS.result, weight: 1.4 },
      { header: CHECK_COLUMNS.review, weight: 2.6 },
    ],
    noteFont: 'regular',
    noteSize: 7.5,
    rows: r.checks.map((check) => ({ cells: [wordsFor(RETURN_CHECK_LABELS, check.code), checkResult(check), reviewOf(check)], notes: checkNotes(check) })),
  });
}

function checkResult(check: RecordCheck): string {
  if (check.passed) return CHECK_PASSED;
  return `Failed on ${check.rowCount} row${check.rowCount === 1 ? '' : 's'}`;
}

function reviewOf(check: RecordCheck): string {
  if (check.passed) return 'Not needed';
  if (check.review === null) return 'Not yet reviewed';
  const { decision, by, at } = check.review;
  return `${CHECK_REVIEW_LABELS[decision]}${by === null ? '' : ` by ${by}`}${at === null ? '' : `, ${londonTime(at)}`}`;
}

function checkNotes(check: RecordCheck): string[] {
  if (check.passed) return [];
  return [...(check.detail ? [`What failed: ${timesInWords(check.detail)}`] : []), ...(check.review?.reason ? [`Reason given: ${check.review.reason}`] : [])];
}

/** The products issued and their dissemination (docs/law.md §5). */
export function products(w: PdfWriter, s: Sections, view: ApplicationRecordView): void {
  s.heading('Products issued and their dissemination');
  if (view.products.length === 0) {
    none(w, 'No product has been issued.');
  } else {
    drawTable(w, {
      columns: [
        { header: 'No.', weight: 0.4 },
        { header: 'Kind', weight: 1.2 },
        { header: 'Handling', weight: 1.1 },
        { header: 'Issued', weight: 1.5 },
        { header: 'By', weight: 1.4 },
        { header: 'Rows', weight: 0.5 },
        { header: 'Exhibit', weight: 1 },
      ],
      rows: view.products.map((product) => ({
        cells: [
          String(product.number),
          PRODUCT_KIND_LABELS[product.kind],
          PRODUCT_HANDLING_LABELS[product.handling],
          londonTime(product.issuedAt),
          product.issuedBy,
          String(product.rowCount),
          product.exhibitReference ?? 'None',
        ],
        notes: [
          `${PDF_HASH_LABEL} ${product.pdfSha256}`,
          `Content SHA-256 ${product.contentSha256}`,
          ...(product.supersedesNumber === null ? [] : [`Supersedes product ${product.supersedesNumber}${product.supersedeReason ? `: ${product.supersedeReason}` : ''}`]),
          ...(product.supersededByNumber === null ? [] : [`Superseded by product ${product.supersededByNumber}`]),
        ],
      })),
    });
  }
  subheading(w, 'Dissemination');
  if (view.disseminations.length === 0) {
    none(w, 'No product has been sent or downloaded.');
    return;
  }
  drawTable(w, {
    columns: [
      { header: 'Product', weight: 0.7 },
      { header: 'How', weight: 1.3 },
      { header: 'To', weight: 1.6 },
      { header: 'By', weight: 1.6 },
      { header: 'When', weight: 1.6 },
    ],
    noteFont: 'regular',
    noteSize: 7.5,
    rows: view.disseminations.map((entry) => ({
      cells: [String(entry.productNumber), DISSEMINATION_ACTION_LABELS[entry.action], entry.recipient, entry.by, londonTime(entry.at)],
      notes: entry.note ? [`Note: ${entry.note}`] : [],
    })),
  });
}

/** The register entries linked to the application or its requests (docs/law.md §4). */
export function linkedErrors(w: PdfWriter, s: Sections, view: ApplicationRecordView): void {
  s.heading('Linked errors');
  if (view.errors.length === 0) {
    none(w, 'No entry of the error register is linked to this record.');
    return;
  }
  drawTable(w, {
    columns: [
      { header: 'State', weight: 1.5 },
      { header: 'Classification', weight: 1.6 },
      { header: 'Recorded', weight: 1.4 },
      { header: 'Reported to the IPC', weight: 1.4 },
      { header: 'Linked to', weight: 1.2 },
    ],
    rows: view.errors.map((error) => ({
      cells: [
        wordsFor(CD_ERROR_STATE_LABELS, error.status),
        error.kind === null ? 'Not yet classified' : wordsFor(CD_ERROR_KIND_LABELS, error.kind),
        londonTime(error.recordedAt),
        error.reportedAt === null ? 'No' : `Yes, ${londonTime(error.reportedAt)}`,
        [...(error.linkedToApplication ? ['This record'] : []), ...error.requestNumbers.map((n) => `Request ${n}`)].join(', '),
      ],
      notes: [`Error reference ${error.id}`],
    })),
  });
}
