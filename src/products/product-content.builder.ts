/**
 * Builds a product's content from what was acquired (pure: no Nest, no database, no clock; docs/products.md §2).
 *
 * What goes in:
 * - a return is used when it is checked: every check it failed has been reviewed; and when its rows may be shown:
 *   not quarantined (suspected content) and not received after the authorisation ended (docs/returns.md §5, §10);
 * - of a used return, every row, except those that failed a check the SPOC confirmed as an error; a row that
 *   failed a check the SPOC accepted is kept, with that check named beside it;
 * - a nil return is used too: it is the CSP's answer that it holds no such data.
 * What an intelligence product withholds is replaced by null, never printed (docs/products.md §3).
 */
import type { ProductContent, ProductContinuityEntry, ProductHandling, ProductKind, ProductPerson, ProductRecord, ProductRecordType, ProductRequest, WithholdableField } from './product-content';
import { PRODUCT_CONTENT_VERSION } from './product-content';
import type { AcquiredRequest, AcquiredReturn, AcquiredRow } from '../disclosures/public-api';
import type { RecordRoute, StatutoryPurpose } from '../workflow/application.types';

/** The handling caveats printed under the marking on every page (docs/products.md §3). */
export const HANDLING_CAVEATS: Readonly<Record<ProductHandling, string>> = Object.freeze({
  intelligence: 'INTELLIGENCE ONLY - NOT FOR EVIDENTIAL USE WITHOUT FURTHER AUTHORITY',
  evidential: 'EVIDENTIAL - HANDLE AS AN EXHIBIT AND KEEP ITS CONTINUITY',
});

/** Printed on every product (CoP 2018 on the use of communications data; docs/products.md §2). */
export const CORROBORATE_CAVEAT =
  'Communications data shows that a number, account, device or address was used, not who used it. Corroborate it by other ' +
  'means before any arrest, search or other executive action is taken on it.';

/** Printed on a product carrying IP resolutions (docs/products.md §2; docs/returns.md §5). */
export const IP_RESOLUTION_CAVEAT =
  'An IP address and port at a time identifies a connection, not a person or a device. An address shared through carrier-grade ' +
  'NAT is used by many subscribers at once, so the source port and the exact time, in the zone stated, must both match; a ' +
  'difference of seconds or a wrong time zone can name another subscriber.';

export interface ProductApplicationFacts {
  urn: string;
  authorityName: string;
  route: RecordRoute | null;
  officeRank: string | null;
  decidedAt: string | null;
  validFrom: Date | null;
  expiresAt: Date | null;
  statutoryPurpose: StatutoryPurpose | null;
}

export interface ProductBuildInput {
  productId: string;
  productNumber: number;
  kind: ProductKind;
  handling: ProductHandling;
  marking: string;
  /** What an intelligence product leaves out (configuration). */
  intelligenceWithholds: readonly WithholdableField[];
  issuedAt: Date;
  issuedBy: ProductPerson;
  supersedes: { productId: string; productNumber: number; reason: string } | null;
  exhibitReference: string | null;
  application: ProductApplicationFacts;
  requests: readonly AcquiredRequest[];
  /** The rows of the returns {@link usableReturns} chose, in any order. */
  rows: readonly AcquiredRow[];
  /** Display names by user id (people named in continuity and in the verification statement). */
  names: ReadonlyMap<string, string>;
  /** Every check code a return goes through. */
  allChecks: readonly string[];
}

/** Whether a return may go into a product: checked, and its rows may be shown. */
export function isUsable(ret: AcquiredReturn): boolean {
  return !ret.quarantined && !ret.afterEnd && ret.failedChecks.every((check) => check.reviewDecision !== null);
}

/** The returns a product draws on, by request, in the order they arrived. */
export function usableReturns(requests: readonly AcquiredRequest[]): AcquiredReturn[] {
  return requests.flatMap((request) => request.returns.filter(isUsable));
}

export function buildProductContent(input: ProductBuildInput): ProductContent {
  const withheld: WithholdableField[] = input.handling === 'intelligence' ? [...input.intelligenceWithholds] : [];
  const person = (id: string | null): ProductPerson => ({ id: id ?? '', displayName: id ? (input.names.get(id) ?? 'Unknown person') : 'Not recorded' });
  const rowsByReturn = groupRows(input.rows);

  const requests: ProductRequest[] = [];
  const records: ProductRecord[] = [];
  for (const request of input.requests) {
    const used = request.returns.filter(isUsable);
    if (used.length === 0 && !request.answeredNil) continue;
    for (const ret of used) {
      const confirmed = new Set(ret.failedChecks.filter((c) => c.reviewDecision === 'raisedAsError').map((c) => c.code as string));
      for (const row of rowsByReturn.get(ret.id) ?? []) {
        const flags = row.flags ? row.flags.split(',') : [];
        if (flags.some((flag) => confirmed.has(flag))) continue;
        records.push(toRecord(request.id, row, flags));
      }
    }
    requests.push({
      requestId: request.id,
      cspName: withheld.includes('cspNames') ? null : request.cspName,
      cspReference: withheld.includes('cspNames') ? null : request.cspReference,
      sentAt: iso(request.sentAt),
      returnedAt: used.length === 0 ? null : iso(used[used.length - 1].receivedAt),
      spocNotes: withheld.includes('spocNotes') ? null : request.cspStatement,
      items: request.items.map((item) => ({
        dataItemRef: item.dataItemRef,
        identifierType: item.identifier.type,
        identifier: item.identifier.normalisedValue,
        category: item.category,
        subtype: item.subtype,
        periodKind: item.periodKind,
        periodStart: item.periodStart,
        periodEnd: item.periodEnd,
        timeZone: item.timeZone,
      })),
      returns: used.map((ret) => ({
        returnId: ret.id,
        dataItemRef: ret.dataItemRef,
        recordType: ret.recordType as ProductRecordType,
        fileName: ret.fileName,
        receivedAt: ret.receivedAt.toISOString(),
        sha256: ret.sha256,
        rowCount: ret.rowCount,
        nil: ret.nil,
      })),
    });
  }

  const usedReturns = input.requests.flatMap((request) => request.returns.filter(isUsable));
  // Requests are numbered as the PDF numbers them (Request 1, 2, …), never by their ids.
  const numbers = new Map(requests.map((request, index) => [request.requestId, index + 1]));
  const issuedAt = input.issuedAt.toISOString();
  const { application } = input;
  return {
    contentVersion: PRODUCT_CONTENT_VERSION,
    productId: input.productId,
    productNumber: input.productNumber,
    kind: input.kind,
    handling: input.handling,
    marking: input.marking,
    handlingCaveat: HANDLING_CAVEATS[input.handling],
    urn: application.urn,
    authorityName: application.authorityName,
    issuedAt,
    issuedBy: input.issuedBy,
    supersedes: input.supersedes,
    withheld,
    exhibit:
      input.handling === 'evidential'
        ? { reference: input.exhibitReference ?? '', producer: input.issuedBy, continuity: continuity(input, usedReturns, numbers, person) }
        : null,
    authorisation: {
      route: application.route,
      authoriserOffice: application.officeRank,
      decidedAt: application.decidedAt ? new Date(application.decidedAt).toISOString() : null,
      validFrom: iso(application.validFrom),
      validUntil: iso(application.expiresAt),
      statutoryPurpose: application.statutoryPurpose,
    },
    requests,
    records,
    verification: {
      by: input.issuedBy,
      at: issuedAt,
      checks: usedReturns.flatMap((ret) =>
        input.allChecks.map((code) => {
          const failed = ret.failedChecks.find((check) => check.code === code);
          return failed
            ? {
                returnId: ret.id,
                code,
                result: failed.reviewDecision ?? 'accepted',
                rowCount: failed.rowCount,
                reason: failed.reviewReason,
                reviewedBy: failed.reviewedBy ? person(failed.reviewedBy) : null,
                reviewedAt: failed.reviewedAt ? failed.reviewedAt.toISOString() : null,
              }
            : { returnId: ret.id, code, result: 'passed' as const, rowCount: 0, reason: null, reviewedBy: null, reviewedAt: null };
        }),
      ),
    },
    caveats: records.some((record) => record.recordType === 'ipResolution') ? [CORROBORATE_CAVEAT, IP_RESOLUTION_CAVEAT] : [CORROBORATE_CAVEAT],
  };
}

/** Who requested, received, checked and issued the data, and when, oldest first (an exhibit's continuity). */
function continuity(input: ProductBuildInput, used: readonly AcquiredReturn[], numbers: ReadonlyMap<string, number>, person: (id: string | null) => ProductPerson): ProductContinuityEntry[] {
  const entries: ProductContinuityEntry[] = [];
  const usedIds = new Set(used.map((ret) => ret.id));
  for (const request of input.requests) {
    const returns = request.returns.filter((ret) => usedIds.has(ret.id));
    const number = numbers.get(request.id);
    if (number === undefined) continue;
    if (request.sentAt) entries.push({ what: 'requested', at: request.sentAt.toISOString(), by: person(request.sentBy), detail: `Request ${number} sent to ${request.cspName}` });
    for (const ret of returns) {
      entries.push({ what: 'received', at: ret.receivedAt.toISOString(), by: person(ret.receivedBy), detail: `Return ${ret.fileName} received, SHA-256 ${ret.sha256}` });
      for (const check of ret.failedChecks) {
        if (!check.reviewedAt) continue;
        const verdict = check.reviewDecision === 'raisedAsError' ? 'raised as an error' : 'accepted';
        entries.push({ what: 'checked', at: check.reviewedAt.toISOString(), by: person(check.reviewedBy), detail: `Failed check on ${ret.fileName} ${verdict}: ${check.reviewReason ?? ''}`.trim() });
      }
    }
    if (request.checkedAt) entries.push({ what: 'checked', at: request.checkedAt.toISOString(), by: person(request.checkedBy), detail: `Request ${number} marked as checked` });
  }
  entries.push({ what: 'issued', at: input.issuedAt.toISOString(), by: input.issuedBy, detail: `Product ${input.productNumber} issued as exhibit ${input.exhibitReference ?? ''}`.trim() });
  return entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

function groupRows(rows: readonly AcquiredRow[]): Map<string, AcquiredRow[]> {
  const byReturn = new Map<string, AcquiredRow[]>();
  for (const row of rows) {
    const list = byReturn.get(row.returnId) ?? [];
    list.push(row);
    byReturn.set(row.returnId, list);
  }
  for (const list of byReturn.values()) list.sort((a, b) => a.rowNumber - b.rowNumber);
  return byReturn;
}

function toRecord(requestId: string, row: AcquiredRow, flags: string[]): ProductRecord {
  return {
    requestId,
    returnId: row.returnId,
    rowNumber: row.rowNumber,
    recordType: row.recordType as ProductRecordType,
    identifier: row.identifier,
    otherParty: row.otherParty,
    atUtc: row.atUtc,
    untilUtc: row.untilUtc,
    sourceOffset: row.sourceOffset,
    durationSeconds: row.durationSeconds,
    eventType: row.eventType,
    direction: row.direction,
    cellId: row.cellId,
    port: row.port,
    name: row.name,
    address: row.address,
    addressType: row.addressType,
    acceptedFlags: flags,
  };
}

function iso(value: Date | null): string | null {
  return value ? value.toISOString() : null;
}
