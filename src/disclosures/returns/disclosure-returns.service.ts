import { SecurityAuditService } from '../../audit/security-audit.service';
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';
import { isUtf8 } from 'node:buffer';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ApplicationForDisclosure } from '../../applications/public-api';
import { SCHEDULER } from '../../auth/actor';
import type { Principal } from '../../auth/principal';
import { CLOCK } from '../../clock.provider';
import { APP_CONFIG, type AppConfig } from '../../config';
import { UnitOfWork } from '../../database/unit-of-work';
import { isUniqueViolation } from '../../database/query-errors';
import { DomainException, NotFoundDomainException } from '../../http/domain-exception';
import { Outbox } from '../../outbox/outbox';
import type { Clock } from '../../workflow/clock';
import { disclosureRequestEngine } from '../../workflow/disclosure-request.engine';
import { CspsService } from '../csp/csps.service';
import { ldTaskReference } from '../hi1/hi1-message';
import { AUTHORITY_COUNTRY_CODE } from '../requests/disclosure-request-exports';
import type { DisclosureItem } from '../requests/disclosure-request.item';
import type { DisclosureRequestEntity } from '../requests/disclosure-request.entity';
import { DisclosureRequestsService } from '../requests/disclosure-requests.service';
import { RETURN_CHECK_FAILED } from './return-events';
import { AcquiredRecordWriter } from './acquired-record-writer';
import { deliveryState, everyItemComplete, type PartReceived } from './delivery-progress';
import type { CheckReviewDecision } from './disclosure-return-check.entity';
import { DisclosureReturnCheckEntity } from './disclosure-return-check.entity';
import { DisclosureReturnEntity, type ReturnFormatReceived } from './disclosure-return.entity';
import { RETURN_CHECK_CATALOGUE, RETURN_CHECK_CODES, type ReturnCheckCode } from './parsing/return-check-codes';
import { recordTypeFor } from './parsing/return-schema';
import { csvDeliveryPart, readJsonDelivery, type DeliveryPart } from './return-delivery';
import { ReturnFileStore } from './return-file-store';
import { ingestCsv, orderedChecks, ROWS_KEPT_PER_CHECK, type CheckTally, type IngestResult } from './return-ingestion';
import { toCheckResponse, toRecordResponse, toReturnResponse, type ReturnResponse } from './disclosure-return.mapper';
import { AcquiredRecordEntity } from './acquired-record.entity';
import { returnExpected } from './return-expected';
import { spoolUpload, type SpooledUpload } from './return-upload';


/** A checked part's file-level findings, besides the rows' own. */
interface FileFindings {
  afterEnd: boolean;
  missingParts: number[];
}

/**
 * Returns from CSPs (docs/returns.md; docs/architecture.md §7.2): a file is taken whole to local disk, then in
 * ONE transaction it is stored byte for byte, read and checked row by row, its rows stored, each failed check
 * recorded with a `returnCheckFailed` outbox event (a suspected error in the register), and the request
 * moved on (RETURN_RECEIVED) or, where it cannot move, the arrival noted in its history. A file that cannot be
 * read is refused and nothing of it is stored.
 */
@Injectable()
export class DisclosureReturnsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly requests: DisclosureRequestsService,
    private readonly csps: CspsService,
    private readonly files: ReturnFileStore,
    private readonly writer: AcquiredRecordWriter,
    private readonly outbox: Outbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: SecurityAuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Receives one part of a delivery for a request the caller may see (404 before a byte is read otherwise). */
  async receive(principal: Principal, requestId: string, request: IncomingMessage): Promise<ReturnResponse> {
    await this.uow.read((m) => this.requests.visibleOrNotFound(m, principal, requestId));
    return this.receiveSpooled(principal, requestId, await this.spool(request));
  }

  /**
   * Takes an upload whole to a temporary file, within the size limit of a return (docs/returns.md "Uploading");
   * `beforeFile` checks the fields sent before the file (the web form's CSRF token) before a byte of it is kept.
   */
  spool(request: IncomingMessage, beforeFile?: (fields: Readonly<Record<string, string>>) => void): Promise<SpooledUpload> {
    return spoolUpload(request, { maxBytes: this.config.returnMaxBytes, dir: tmpdir(), beforeFile });
  }

  /** Deletes a spooled upload that will not be received (the web form's CSRF token was refused). */
  discard(upload: SpooledUpload): Promise<void> {
    return rm(upload.file.path, { force: true });
  }

  /**
   * Stores and checks an upload already spooled by {@link spool}, and deletes its temporary file either way. The
   * web page spools first because its CSRF token is a field of the form, read before anything is stored.
   */
  async receiveSpooled(principal: Principal, requestId: string, upload: SpooledUpload): Promise<ReturnResponse> {
    try {
      return await this.uow.run((tx) => this.store(tx, principal, requestId, upload));
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicate('RETURN_DUPLICATE', 'The same file or the same part arrived twice at once; one of them is stored.');
      throw error;
    } finally {
      await rm(upload.file.path, { force: true });
    }
  }

  private async store(tx: EntityManager, principal: Principal, requestId: string, upload: SpooledUpload): Promise<ReturnResponse> {
    const now = this.clock.now();
    const { row: request, application } = await this.requests.visibleOrNotFound(tx, principal, requestId);
    this.requests.refuseUnlessSpoc(principal, request, application);
    if (!returnExpected(request.status)) {
      throw new DomainException('RETURN_NOT_EXPECTED', 'The request has not been sent to the CSP: there can be no return for it yet.');
    }
    const csp = await this.csps.findById(tx, request.cspId);
    if (!csp) throw new NotFoundDomainException('The CSP of the request');
    const { file, fields } = upload;
    const format = formatOf(file.contentType, file.fileName);
    const json = format === 'json' ? readJsonDelivery(await readFile(file.path, 'utf8')) : null;
    const part: DeliveryPart & { deliveryId: string } = json ?? csvDeliveryPart(fields, file.sha256);
    const item = json ? this.itemByReference(request, json.reference) : itemByRef(request, fields.dataItemRef);
    if (json && !isUtf8(json.payload)) throw new DomainException('RETURN_NOT_UTF8', "The delivery's payload is not UTF-8 text.");
    const recordType = recordTypeFor(item.subtype);
    if (!recordType) {
      throw new DomainException('RETURN_TYPE_UNSUPPORTED', `This service reads returns of subscriber, call data record and IP resolution items; "${item.dataItemRef}" is ${item.subtype}.`);
    }
    await this.refuseDuplicates(tx, request.id, file.sha256, item.dataItemRef, part);

    const returnId = randomUUID();
    await this.files.write(tx, returnId, createReadStream(file.path));
    const source = json ? Readable.from([json.payload]) : createReadStream(file.path);
    const context = { item: returnItem(item), zone: csp.fileTimeZone, precisionSeconds: csp.timePrecisionSeconds };
    const found = await ingestCsv(source, recordType, context, { returnId, requestId: request.id }, (batch) => this.writer.insert(tx, batch));
    if (found.quarantined) await this.writer.deleteReturn(tx, returnId);

    const parts = [...(await this.partsOf(tx, request.id)), { dataItemRef: item.dataItemRef, ...part }];
    const delivery = deliveryState(parts, item.dataItemRef, part.deliveryId);
    const findings: FileFindings = {
      afterEnd: request.status === 'cancelled' || ['cancelled', 'expired'].includes(application.status) || (application.expiresAt !== null && now > application.expiresAt),
      // Parts may come in any order, so a missing part is a gap only once the last part is in: flagged on it.
      missingParts: part.lastSequence ? delivery.missing : [],
    };
    const saved: DisclosureReturnEntity = {
      id: returnId,
      requestId: request.id,
      authorityId: request.authorityId,
      applicationId: request.applicationId,
      dataItemRef: item.dataItemRef,
      recordType,
      format,
      fileName: file.fileName.slice(0, 255),
      contentType: file.contentType.slice(0, 100),
      sizeBytes: file.sizeBytes,
      sha256: file.sha256,
      deliveryId: part.deliveryId,
      sequenceNumber: part.sequenceNumber,
      lastSequence: part.lastSequence,
      nil: found.rowCount === 0 && found.otherType === null,
      quarantined: found.quarantined,
      afterEnd: findings.afterEnd,
      rowCount: found.rowCount,
      cleanRowCount: found.quarantined || found.otherType ? 0 : found.cleanRowCount,
      timeZone: csp.fileTimeZone,
      receivedBy: principal.id,
      receivedAt: now,
    };
    await tx.insert(DisclosureReturnEntity, saved);
    const checks = await this.recordChecks(tx, saved, application, fileChecks(found, findings, recordType));
    const updated = await this.moveRequest(tx, request, application, saved, parts);
    return toReturnResponse(saved, checks, updated);
  }

  /** The item whose LD task reference the delivery quotes; a delivery for another task is refused. */
  private itemByReference(request: DisclosureRequestEntity, reference: string): DisclosureItem {
    const item = request.items.find((i) => ldTaskReference(AUTHORITY_COUNTRY_CODE, request.authorityId, request.id, i.dataItemRef) === reference);
    if (!item) {
      throw new DomainException('RETURN_REFERENCE_MISMATCH', `The delivery is for the task "${reference}", which is not a task of this request: it belongs to another request, or to none.`);
    }
    return item;
  }

  private async refuseDuplicates(tx: EntityManager, requestId: string, sha256: string, dataItemRef: string, part: { deliveryId: string; sequenceNumber: number }): Promise<void> {
    const same = await tx.findOne(DisclosureReturnEntity, { where: { requestId, sha256 }, select: { id: true } });
    if (same) throw duplicate('RETURN_DUPLICATE', `This file (SHA-256 ${sha256}) was already received for this request, as return ${same.id}.`, same.id);
    const samePart = await tx.findOne(DisclosureReturnEntity, { where: { requestId, dataItemRef, deliveryId: part.deliveryId, sequenceNumber: part.sequenceNumber }, select: { id: true } });
    if (samePart) {
      throw duplicate('RETURN_PART_DUPLICATE', `Part ${part.sequenceNumber} of delivery "${part.deliveryId}" for "${dataItemRef}" was already received, as return ${samePart.id}, with different content.`, samePart.id);
    }
  }

  private async partsOf(tx: EntityManager, requestId: string): Promise<PartReceived[]> {
    return tx.find(DisclosureReturnEntity, { where: { requestId }, select: { dataItemRef: true, deliveryId: true, sequenceNumber: true, lastSequence: true } });
  }

  /** One check row and one `returnCheckFailed` outbox event (a suspected error in the register) per failed check. */
  private async recordChecks(tx: EntityManager, saved: DisclosureReturnEntity, application: ApplicationForDisclosure, checks: [ReturnCheckCode, CheckTally][]) {
    const rows: DisclosureReturnCheckEntity[] = [];
    for (const [code, tally] of checks) {
      const detail = checkDetail(code, tally);
      const outboxEventId = await this.outbox.add(tx, RETURN_CHECK_FAILED, {
        authorityId: saved.authorityId,
        applicationId: saved.applicationId,
        disclosureRequestId: saved.requestId,
        returnId: saved.id,
        urn: application.urn,
        check: code,
        detail,
      });
      const row: DisclosureReturnCheckEntity = {
        id: randomUUID(),
        returnId: saved.id,
        requestId: saved.requestId,
        code,
        rowCount: tally.count,
        rowNumbers: tally.rows,
        detail,
        outboxEventId,
        reviewDecision: null,
        reviewReason: null,
        reviewedBy: null,
        reviewedAt: null,
        createdAt: saved.receivedAt,
      };
      await tx.insert(DisclosureReturnCheckEntity, row);
      rows.push(row);
    }
    return rows;
  }

  /** RETURN_RECEIVED where the request can take it (by the system: the endpoint has checked the part); otherwise a note. */
  private async moveRequest(tx: EntityManager, request: DisclosureRequestEntity, application: ApplicationForDisclosure, saved: DisclosureReturnEntity, parts: PartReceived[]) {
    // Where the state has no RETURN_RECEIVED (cancelled, disclosed, checked…) the return is kept and noted (docs/returns.md §11).
    if (disclosureRequestEngine.definedEvents(request.status).includes('RETURN_RECEIVED')) {
      const allItemsComplete = everyItemComplete(request.items.map((i) => i.dataItemRef), parts);
      return this.requests.transitionIn(tx, SCHEDULER, request, application, { type: 'RETURN_RECEIVED', allItemsComplete, returnId: saved.id });
    }
    return this.requests.noteIn(tx, SCHEDULER, request, { returnReceived: saved.id, afterEnd: saved.afterEnd, receivedBy: saved.receivedBy });
  }

  /** The returns of a request the caller may see, in the order they arrived, each with its failed checks. */
  list(principal: Principal, requestId: string) {
    return this.uow.read(async (m) => {
      await this.requests.visibleOrNotFound(m, principal, requestId);
      const rows = await m.find(DisclosureReturnEntity, { where: { requestId }, order: { receivedAt: 'ASC', id: 'ASC' } });
      const checks = await m.find(DisclosureReturnCheckEntity, { where: { requestId } });
      return { items: rows.map((row) => toReturnResponse(row, inCatalogueOrder(checks.filter((c) => c.returnId === row.id)))) };
    });
  }

  get(principal: Principal, requestId: string, returnId: string) {
    return this.uow.read(async (m) => {
      const row = await this.visibleReturn(m, principal, requestId, returnId);
      return toReturnResponse(row, inCatalogueOrder(await m.find(DisclosureReturnCheckEntity, { where: { returnId } })));
    });
  }

  /** A page of a return's rows in file order; never a quarantined return's (docs/returns.md "Quarantine"). */
  records(principal: Principal, requestId: string, returnId: string, offset: number, limit: number) {
    return this.uow.read(async (m) => {
      const row = await this.visibleReturn(m, principal, requestId, returnId);
      refuseQuarantined(row);
      const [rows, total] = await m.findAndCount(AcquiredRecordEntity, { where: { returnId }, order: { rowNumber: 'ASC' }, skip: offset, take: limit });
      return { items: rows.map(toRecordResponse), total };
    });
  }

  /**
   * The file exactly as received, streamed back chunk by chunk (never a quarantined one). The read runs in the
   * unit of work; the chunks are read one at a time inside it. First the reading is written to the security audit
   * stream as a VIEWED event (issue 24, item 1), in a write transaction of its own that checks the caller may read it.
   */
  async file(principal: Principal, requestId: string, returnId: string, write: (meta: { fileName: string; sizeBytes: number; sha256: string }, chunks: AsyncIterable<Buffer>) => Promise<void>) {
    await this.uow.run(async (tx) => {
      refuseQuarantined(await this.visibleReturn(tx, principal, requestId, returnId));
      await this.audit.viewedIn(tx, principal, 'return-file', returnId);
    });
    await this.uow.read(async (m) => {
      const row = await this.visibleReturn(m, principal, requestId, returnId);
      refuseQuarantined(row);
      await write({ fileName: row.fileName, sizeBytes: row.sizeBytes, sha256: row.sha256 }, this.files.read(m, returnId));
    });
  }

  private async visibleReturn(m: EntityManager, principal: Principal, requestId: string, returnId: string) {
    await this.requests.visibleOrNotFound(m, principal, requestId);
    const row = await m.findOneBy(DisclosureReturnEntity, { id: returnId, requestId });
    if (!row) throw new NotFoundDomainException('The return');
    return row;
  }

  /** A SPOC's review of a failed check: accepted with a reason, or confirmed as an error; once only. */
  review(principal: Principal, requestId: string, returnId: string, checkId: string, decision: CheckReviewDecision, reason: string) {
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const { row: request, application } = await this.requests.visibleOrNotFound(tx, principal, requestId);
      this.requests.refuseUnlessSpoc(principal, request, application);
      const check = await tx.findOneBy(DisclosureReturnCheckEntity, { id: checkId, returnId, requestId });
      if (!check) throw new NotFoundDomainException('The check');
      const result = await tx
        .createQueryBuilder()
        .update(DisclosureReturnCheckEntity)
        .set({ reviewDecision: decision, reviewReason: reason, reviewedBy: principal.id, reviewedAt: now })
        .where('id = :id AND review_decision IS NULL', { id: check.id })
        .execute();
      if (result.affected !== 1) throw new DomainException('CHECK_ALREADY_REVIEWED', `The check ${check.code} was already reviewed.`);
      await this.requests.noteIn(tx, principal, request, { checkReviewed: check.id, code: check.code, decision, reason });
      return toCheckResponse({ ...check, reviewDecision: decision, reviewReason: reason, reviewedBy: principal.id, reviewedAt: now });
    });
  }
}

function refuseQuarantined(row: DisclosureReturnEntity): void {
  if (row.quarantined) {
    throw new DomainException('RETURN_QUARANTINED', 'The return is quarantined: something in it may be content, not communications data, so neither its rows nor its file are shown. Its CONTENT_SUSPECTED check is in the error register.');
  }
}

function inCatalogueOrder(checks: DisclosureReturnCheckEntity[]): DisclosureReturnCheckEntity[] {
  return [...checks].sort((a, b) => RETURN_CHECK_CODES.indexOf(a.code) - RETURN_CHECK_CODES.indexOf(b.code));
}

function duplicate(code: 'RETURN_DUPLICATE' | 'RETURN_PART_DUPLICATE', detail: string, returnId?: string): DomainException {
  return new DomainException(code, detail, returnId ? { returnId } : {});
}

/**
 * JSON deliveries by their media type, CSV by `text/csv` (or `text/plain`, as some exports label it); a
 * generic `application/octet-stream` is told by the file's name. Any other media type is refused.
 */
function formatOf(contentType: string, fileName: string): ReturnFormatReceived {
  const type = contentType.toLowerCase();
  const name = fileName.toLowerCase();
  const generic = type === 'application/octet-stream';
  if (type === 'application/json' || type.endsWith('+json') || (generic && name.endsWith('.json'))) return 'json';
  if (type === 'text/csv' || type === 'text/plain' || (generic && name.endsWith('.csv'))) return 'csv';
  throw new DomainException('UNSUPPORTED_MEDIA_TYPE', `A return is a CSV file (text/csv) or a JSON delivery (application/json), not ${contentType}.`);
}

/** The item a CSV upload names; with one item on the request, the name may be left out. */
function itemByRef(request: DisclosureRequestEntity, ref: string | undefined): DisclosureItem {
  if (ref === undefined && request.items.length === 1) return request.items[0];
  if (ref === undefined) throw new DomainException('RETURN_REFERENCE_MISMATCH', `The request has ${request.items.length} items: say which the file answers in the field "dataItemRef".`);
  const item = request.items.find((i) => i.dataItemRef === ref);
  if (!item) throw new DomainException('RETURN_REFERENCE_MISMATCH', `"${ref}" is not an item of this request (${request.items.map((i) => i.dataItemRef).join(', ')}).`);
  return item;
}

function returnItem(item: DisclosureItem) {
  return { identifierType: item.identifier.type, normalisedValue: item.identifier.normalisedValue, subtype: item.subtype, periodStart: item.periodStart, periodEnd: item.periodEnd };
}

/** The rows' failed checks with the file's own: the file another type's, outside the schema, late, or with parts missing. */
function fileChecks(found: IngestResult, findings: FileFindings, expected: string): [ReturnCheckCode, CheckTally][] {
  const checks = new Map(found.checks);
  const file = (code: ReturnCheckCode, count: number, detail: string) => {
    const rows = checks.get(code);
    checks.set(code, { count: Math.max(count, rows?.count ?? 0), rows: rows?.rows ?? [], details: [detail, ...(rows?.details ?? [])] });
  };
  if (found.otherType) file('DATA_TYPE_NOT_REQUESTED', found.rowCount, `the file holds ${found.otherType} records, not the ${expected} records asked for; its rows were not read`);
  if (found.extraColumns.length > 0) file('CONTENT_SUSPECTED', found.rowCount, `columns outside the ${expected} schema: ${found.extraColumns.join(', ')}; the file is quarantined`);
  if (findings.afterEnd) file('AFTER_END', found.rowCount, 'the return arrived after the request was cancelled or the authorisation ended');
  if (findings.missingParts.length > 0) file('PARTS_MISSING', 0, `the last part has arrived but part${findings.missingParts.length > 1 ? 's' : ''} ${findings.missingParts.join(', ')} of the delivery ${findings.missingParts.length > 1 ? 'have' : 'has'} not`);
  return orderedChecks(checks);
}

/** A check's words for the register: the rule, how many rows, which, and why. */
function checkDetail(code: ReturnCheckCode, tally: CheckTally): string {
  const rows = tally.rows.length === 0 ? '' : ` Rows ${tally.rows.join(', ')}${tally.count > tally.rows.length ? ` and ${tally.count - ROWS_KEPT_PER_CHECK} more` : ''}.`;
  const count = tally.count > 0 ? ` ${tally.count} row${tally.count === 1 ? '' : 's'}.` : '';
  return `${RETURN_CHECK_CATALOGUE[code].message}${count}${rows} ${tally.details.join('; ')}.`.replace(/\.\./g, '.');
}
