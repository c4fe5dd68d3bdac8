/**
 * View model of an application's whole record as inspectors read it (docs/architecture.md §8
 * `GET /applications/:id/record.pdf`): the application and its form (or, for a record made under RIPA
 * 2000, its particulars), the SPOC's section, the decision with its findings, judicial approval, validity,
 * the conversation, the requests to CSPs with every check of every return, the products issued and their
 * dissemination, the linked register entries, and the history with its hashes and their verification.
 *
 * Plain, structured-cloneable data (it crosses to the worker thread): codes and ISO instants, as the
 * features answer them; the PDF (`renderApplicationRecordPdf`) prints every code in words and every
 * instant as a London time with its zone. {@link buildApplicationRecordView} is pure: the service loads
 * the parts, in one read, and hands them over with the clock's instant. Imports from other features are
 * types only, so the worker loads nothing of them.
 */
import type { ApplicationFindings, ApplicationRecord, ConversationEntry } from '../applications/public-api';
import type { PersonRef } from '../common/person-ref';
import type { VerifyResult } from '../database/hash-chain';
import type { HistoryNote } from '../database/history-view';
import type { AcquiredRequest } from '../disclosures/public-api';
import type { LinkedError } from '../errors/public-api';
import type { DisseminationEntry, IssuedProduct } from '../products/public-api';
import type { ApplicationForm, ApplicationState, AuthorisationDecision, RecordRoute, SpocSection } from '../workflow/application.types';
import type { CdErrorKind, CdErrorState } from '../workflow/cd-error.types';
import type { DisclosureRequestState } from '../workflow/disclosure-request.types';
import type { RipaRecordParticulars } from '../workflow/ripa-record.types';
import { RIPA_ROUTE } from '../workflow/ripa-record.types';

/** Protective marking of the record (docs/law.md §5): header and footer of every page. */
export const RECORD_MARKING = 'OFFICIAL-SENSITIVE';
export const RECORD_TITLE = 'Record of an application for communications data';
export const RIPA_RECORD_TITLE = 'Record of communications data obtained under RIPA 2000';
/** Shown for values not recorded. */
export const NOT_RECORDED = 'Not recorded';

/** A Judicial Commissioner's answer (IPA s.77). */
export interface RecordJudicialDecision {
  eventType: 'JC_APPROVE' | 'JC_REFUSE';
  position: number;
  /** ISO instant the answer was recorded. */
  at: string;
  by: PersonRef;
  judgeName: string | null;
  /** ISO with its offset, as recorded. */
  decidedAt: string | null;
  reason: string | null;
}

export interface RecordRequestItem {
  dataItemRef: string;
  identifierType: string;
  identifierValue: string;
  normalisedValue: string;
  category: string;
  subtype: string;
  periodKind: string;
  periodStart: string;
  periodEnd: string;
  timeZone: string | null;
}

/** One check of one return: passed, or failed on some rows, with the SPOC's review. */
export interface RecordCheck {
  /** A code of the return checks (docs/returns.md §5). */
  code: string;
  passed: boolean;
  rowCount: number;
  detail: string | null;
  review: { decision: 'accepted' | 'raisedAsError'; reason: string | null; by: string | null; at: string | null } | null;
}

export interface RecordReturn {
  fileName: string;
  dataItemRef: string;
  recordType: string;
  receivedAt: string;
  receivedBy: string;
  sha256: string;
  rowCount: number;
  nil: boolean;
  quarantined: boolean;
  afterEnd: boolean;
  /** Every check, in the catalogue's order: those passed too. */
  checks: RecordCheck[];
}

export interface RecordRequest {
  /** 1 for the application's first request, then 2, 3, … */
  number: number;
  id: string;
  status: DisclosureRequestState;
  cspName: string;
  cspReference: string | null;
  createdAt: string;
  sentAt: string | null;
  sentBy: string | null;
  cspStatement: string | null;
  checkedAt: string | null;
  checkedBy: string | null;
  cancelledAt: string | null;
  items: RecordRequestItem[];
  returns: RecordReturn[];
}

export interface RecordProduct {
  number: number;
  kind: IssuedProduct['kind'];
  handling: IssuedProduct['handling'];
  issuedAt: string;
  issuedBy: string;
  exhibitReference: string | null;
  pdfSha256: string;
  contentSha256: string;
  rowCount: number;
  supersedesNumber: number | null;
  supersedeReason: string | null;
  supersededByNumber: number | null;
}

export interface RecordDissemination {
  productNumber: number;
  action: DisseminationEntry['action'];
  recipient: string;
  by: string;
  note: string | null;
  at: string;
}

export interface RecordError {
  id: string;
  status: CdErrorState;
  kind: CdErrorKind | null;
  recordedAt: string;
  discoveredAt: string | null;
  reportedAt: string | null;
  linkedToApplication: boolean;
  /** The numbers of the application's requests it is linked to. */
  requestNumbers: number[];
}

/** One row of the application's hash-chained history (docs/architecture.md §11), oldest first. */
export interface RecordHistoryRow {
  position: number;
  kind: string;
  eventType: string | null;
  /** What happened, in words (the history view's own). */
  what: string;
  at: string;
  actor: PersonRef;
  decider: PersonRef | null;
  fromState: string | null;
  toState: string;
  /** Form (or particulars) fields the row wrote or changed, as the history names them. */
  fields: string[];
  notes: HistoryNote[];
  /** Whether the conversation already shows the row's notes. */
  inConversation: boolean;
  payloadBlanked: boolean;
  hash: string;
  prevHash: string;
}

export interface ApplicationRecordView {
  applicationId: string;
  urn: string;
  authorityName: string;
  status: ApplicationState;
  route: RecordRoute | null;
  /** A record made under RIPA 2000 and imported (docs/law.md §10): particulars instead of a form. */
  imported: boolean;
  applicant: string;
  team: string[];
  reviewingSpoc: string | null;
  grantedBy: string | null;
  /** The URN of the application this renews (its id when the URN is not the authority's). */
  renewalOf: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  form: ApplicationForm;
  spocSection: SpocSection | null;
  decision: AuthorisationDecision | null;
  findings: ApplicationFindings;
  judicial: { requestedAt: string | null; decision: RecordJudicialDecision | null };
  validity: { validFrom: string | null; expiresAt: string | null; oralGrant: boolean; writtenRecordDueAt: string | null };
  ripa: { reference: string | null; particulars: RipaRecordParticulars } | null;
  conversation: ConversationEntry[];
  requests: RecordRequest[];
  products: RecordProduct[];
  disseminations: RecordDissemination[];
  errors: RecordError[];
  history: RecordHistoryRow[];
  verification: VerifyResult;
  /** ISO instant. */
  generatedAt: string;
  generatedBy: string;
}

/** What the service loads, in one read, for {@link buildApplicationRecordView}. */
export interface ApplicationRecordParts {
  record: ApplicationRecord;
  requests: readonly AcquiredRequest[];
  /** Every return check code, in the catalogue's order (`ALL_RETURN_CHECKS`). */
  checkCodes: readonly string[];
  products: readonly IssuedProduct[];
  disseminations: readonly DisseminationEntry[];
  errors: readonly LinkedError[];
  /** Names of the people {@link personIdsIn} lists. */
  names: ReadonlyMap<string, string>;
  generatedBy: string;
  now: Date;
}

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

/** Every person the requests, returns, reviews, products and disseminations name by id, for one lookup of their names. */
export function personIdsIn(parts: Pick<ApplicationRecordParts, 'requests' | 'products' | 'disseminations'>): string[] {
  const ids = new Set<string>();
  const add = (id: string | null): void => void (id !== null && ids.add(id));
  for (const request of parts.requests) {
    add(request.sentBy);
    add(request.checkedBy);
    for (const r of request.returns) {
      add(r.receivedBy);
      for (const check of r.failedChecks) add(check.reviewedBy);
    }
  }
  for (const product of parts.products) add(product.issuedBy);
  for (const entry of parts.disseminations) {
    add(entry.recipientId);
    add(entry.byId);
  }
  return [...ids];
}

/** The record as inspectors read it, from the parts the service loaded. Pure. */
export function buildApplicationRecordView(parts: ApplicationRecordParts): ApplicationRecordView {
  const { record } = parts;
  const app = record.application;
  const allNames = new Map([...record.names, ...parts.names]);
  const name = (id: string): string => allNames.get(id) ?? id;
  const nameOrNull = (id: string | null): string | null => (id === null ? null : name(id));
  const spoken = new Set(record.conversation.map((entry) => entry.position));
  const requestNumbers = new Map(parts.requests.map((request, i) => [request.id, i + 1]));
  const productNumbers = new Map(parts.products.map((product) => [product.id, product.productNumber]));
  const judicial = record.judicialDecision;
  return {
    applicationId: app.id,
    urn: app.urn,
    authorityName: app.authorityName,
    status: app.status,
    route: app.route,
    imported: app.route === RIPA_ROUTE,
    applicant: name(app.applicantId),
    team: app.teamMemberIds.map(name),
    reviewingSpoc: nameOrNull(app.spocId),
    grantedBy: nameOrNull(app.grantedById),
    renewalOf: app.renewalOfUrn ?? app.renewalOf,
    version: app.version,
    createdAt: app.createdAt.toISOString(),
    updatedAt: app.updatedAt.toISOString(),
    form: app.form,
    spocSection: app.spocSection,
    decision: app.decision,
    findings: app.findings,
    judicial: {
      requestedAt: iso(app.judicialApprovalRequestedAt),
      decision: judicial === null ? null : { ...judicial, at: judicial.at.toISOString() },
    },
    validity: {
      validFrom: iso(app.validFrom),
      expiresAt: iso(app.expiresAt),
      oralGrant: app.oralGrant,
      writtenRecordDueAt: iso(app.writtenRecordDueAt),
    },
    ripa: app.ripa === null ? null : { reference: app.ripaReference, particulars: app.ripa },
    conversation: record.conversation,
    requests: parts.requests.map((request, i) => ({
      number: i + 1,
      id: request.id,
      status: request.status,
      cspName: request.cspName,
      cspReference: request.cspReference,
      createdAt: request.createdAt.toISOString(),
      sentAt: iso(request.sentAt),
      sentBy: nameOrNull(request.sentBy),
      cspStatement: request.cspStatement,
      checkedAt: iso(request.checkedAt),
      checkedBy: nameOrNull(request.checkedBy),
      cancelledAt: iso(request.cancelledAt),
      items: request.items.map((item) => ({
        dataItemRef: item.dataItemRef,
        identifierType: item.identifier.type,
        identifierValue: item.identifier.value,
        normalisedValue: item.identifier.normalisedValue,
        category: item.category,
        subtype: item.subtype,
        periodKind: item.periodKind,
        periodStart: item.periodStart,
        periodEnd: item.periodEnd,
        timeZone: item.timeZone,
      })),
      returns: request.returns.map((r) => ({
        fileName: r.fileName,
        dataItemRef: r.dataItemRef,
        recordType: r.recordType,
        receivedAt: r.receivedAt.toISOString(),
        receivedBy: name(r.receivedBy),
        sha256: r.sha256,
        rowCount: r.rowCount,
        nil: r.nil,
        quarantined: r.quarantined,
        afterEnd: r.afterEnd,
        checks: checksOf(r.failedChecks, parts.checkCodes, nameOrNull),
      })),
    })),
    products: parts.products.map((product) => ({
      number: product.productNumber,
      kind: product.kind,
      handling: product.handling,
      issuedAt: product.issuedAt.toISOString(),
      issuedBy: name(product.issuedBy),
      exhibitReference: product.exhibitReference,
      pdfSha256: product.pdfSha256,
      contentSha256: product.contentSha256,
      rowCount: product.rowCount,
      supersedesNumber: product.supersedesId === null ? null : (productNumbers.get(product.supersedesId) ?? null),
      supersedeReason: product.supersedeReason,
      supersededByNumber: product.supersededById === null ? null : (productNumbers.get(product.supersededById) ?? null),
    })),
    disseminations: parts.disseminations.map((entry) => ({
      productNumber: entry.productNumber,
      action: entry.action,
      recipient: name(entry.recipientId),
      by: name(entry.byId),
      note: entry.note,
      at: entry.at.toISOString(),
    })),
    errors: parts.errors.map((error) => ({
      id: error.id,
      status: error.status,
      kind: error.kind,
      recordedAt: error.recordedAt.toISOString(),
      discoveredAt: iso(error.discoveredAt),
      reportedAt: iso(error.reportedAt),
      linkedToApplication: error.linkedToApplication,
      requestNumbers: error.disclosureRequestIds.flatMap((id) => requestNumbers.get(id) ?? []).sort((a, b) => a - b),
    })),
    history: record.history.map((item) => ({
      position: item.position,
      kind: item.kind,
      eventType: item.eventType,
      what: item.what,
      at: item.at,
      actor: item.actor,
      decider: item.decider,
      fromState: item.fromState,
      toState: item.toState,
      fields: item.changes.fields,
      notes: item.changes.notes,
      inConversation: spoken.has(item.position),
      payloadBlanked: item.payloadBlankedBy !== null,
      hash: item.hash,
      prevHash: item.prevHash,
    })),
    verification: record.verification,
    generatedAt: parts.now.toISOString(),
    generatedBy: parts.generatedBy,
  };
}

/** Every check of a return in the catalogue's order, failed ones with their rows and review. */
function checksOf(
  failed: AcquiredRequest['returns'][number]['failedChecks'],
  codes: readonly string[],
  nameOrNull: (id: string | null) => string | null,
): RecordCheck[] {
  const byCode = new Map(failed.map((check) => [check.code as string, check]));
  const known = new Set(codes);
  return [...codes, ...failed.map((check) => check.code).filter((code) => !known.has(code))].map((code) => {
    const check = byCode.get(code);
    if (!check) return { code, passed: true, rowCount: 0, detail: null, review: null };
    return {
      code,
      passed: false,
      rowCount: check.rowCount,
      detail: check.detail,
      review:
        check.reviewDecision === null
          ? null
          : { decision: check.reviewDecision, reason: check.reviewReason, by: nameOrNull(check.reviewedBy), at: iso(check.reviewedAt) },
    };
  });
}
