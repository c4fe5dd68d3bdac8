import type { AcquiredRecordEntity } from './acquired-record.entity';
import type { DisclosureReturnCheckEntity } from './disclosure-return-check.entity';
import type { DisclosureReturnEntity } from './disclosure-return.entity';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export type ReturnCheckResponse = ReturnType<typeof toCheckResponse>;
export type ReturnResponse = ReturnType<typeof toReturnResponse>;

/** A failed check as the API answers it: the rule, the rows, and the SPOC's review once made. */
export function toCheckResponse(check: DisclosureReturnCheckEntity) {
  return {
    id: check.id,
    returnId: check.returnId,
    code: check.code,
    rowCount: check.rowCount,
    rowNumbers: [...check.rowNumbers],
    detail: check.detail,
    suspectedErrorEventId: check.outboxEventId,
    review: check.reviewDecision
      ? { decision: check.reviewDecision, reason: check.reviewReason ?? '', reviewedBy: check.reviewedBy ?? '', reviewedAt: iso(check.reviewedAt) ?? '' }
      : null,
  };
}

/**
 * A return as the API answers it (docs/returns.md): where it sits in its delivery, what was found in it, its
 * failed checks, and — on the answer to an upload — the request's status and version after it.
 */
export function toReturnResponse(row: DisclosureReturnEntity, checks: readonly DisclosureReturnCheckEntity[], request?: { status: string; version: number }) {
  return {
    id: row.id,
    requestId: row.requestId,
    dataItemRef: row.dataItemRef,
    recordType: row.recordType,
    format: row.format,
    fileName: row.fileName,
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    deliveryId: row.deliveryId,
    sequenceNumber: row.sequenceNumber,
    lastSequence: row.lastSequence,
    nil: row.nil,
    quarantined: row.quarantined,
    afterEnd: row.afterEnd,
    rowCount: row.rowCount,
    cleanRowCount: row.cleanRowCount,
    timeZone: row.timeZone,
    receivedBy: row.receivedBy,
    receivedAt: iso(row.receivedAt) ?? '',
    checks: checks.map(toCheckResponse),
    ...(request ? { request: { status: request.status, version: request.version } } : {}),
  };
}

/** One acquired record, its empty columns left out by record type (docs/returns.md). */
export function toRecordResponse(row: AcquiredRecordEntity) {
  return {
    rowNumber: row.rowNumber,
    recordType: row.recordType,
    identifier: row.identifier,
    otherParty: row.otherParty,
    atUtc: row.atUtc,
    untilUtc: row.untilUtc,
    sourceOffset: row.sourceOffset,
    localTime: row.localTime,
    durationSeconds: row.durationSeconds,
    eventType: row.eventType,
    direction: row.direction,
    cellId: row.cellId,
    port: row.port,
    name: row.name,
    address: row.address,
    addressType: row.addressType,
    flags: row.flags ? row.flags.split(',') : [],
  };
}
