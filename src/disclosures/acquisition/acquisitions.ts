import { Injectable, Module } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import type { DisclosureRequestState } from '../../workflow/disclosure-request.types';
import { CspEntity } from '../csp/csp.entity';
import type { DisclosureItem } from '../requests/disclosure-request.item';
import { DisclosureRequestEntity } from '../requests/disclosure-request.entity';
import { AcquiredRecordEntity } from '../returns/acquired-record.entity';
import { DisclosureReturnCheckEntity } from '../returns/disclosure-return-check.entity';
import { DisclosureReturnEntity } from '../returns/disclosure-return.entity';
import { RETURN_CHECK_CODES, type ReturnCheckCode } from '../returns/parsing/return-check-codes';

/** A request to a CSP as products and the application record read it. */
export interface AcquiredRequest {
  id: string;
  status: DisclosureRequestState;
  /** The CSP answered that it holds no such data, whatever the request's state since (MARK_CHECKED moves it on). */
  answeredNil: boolean;
  cspId: string;
  cspName: string;
  cspReference: string | null;
  createdAt: Date;
  sentAt: Date | null;
  sentBy: string | null;
  /** What the CSP said when it answered with a nil return or rejected the request. */
  cspStatement: string | null;
  checkedAt: Date | null;
  checkedBy: string | null;
  cancelledAt: Date | null;
  items: DisclosureItem[];
  returns: AcquiredReturn[];
}

export interface AcquiredReturn {
  id: string;
  dataItemRef: string;
  recordType: string;
  fileName: string;
  receivedAt: Date;
  receivedBy: string;
  sha256: string;
  rowCount: number;
  nil: boolean;
  quarantined: boolean;
  afterEnd: boolean;
  /** The checks the return failed, each with its review (none for a clean return). */
  failedChecks: AcquiredCheck[];
}

export interface AcquiredCheck {
  id: string;
  code: ReturnCheckCode;
  rowCount: number;
  detail: string;
  reviewDecision: 'accepted' | 'raisedAsError' | null;
  reviewReason: string | null;
  reviewedBy: string | null;
  reviewedAt: Date | null;
}

/** A returned row, typed (docs/returns.md §3). */
export type AcquiredRow = Omit<AcquiredRecordEntity, never>;

/**
 * What the disclosures feature tells other features about what was acquired under an application: its
 * requests, the returns each received with their SHA-256 and checks, and the rows of chosen returns
 * (docs/architecture.md §3: products and the application record read through this, never the tables).
 * Every check code is listed in {@link ALL_RETURN_CHECKS}, so a reader can say which passed.
 */
@Injectable()
export class Acquisitions {
  /** The application's requests, oldest first, each with its returns in the order they arrived. */
  async ofApplication(manager: EntityManager, applicationId: string): Promise<AcquiredRequest[]> {
    const requests = await manager.find(DisclosureRequestEntity, { where: { applicationId }, order: { createdAt: 'ASC', id: 'ASC' } });
    if (requests.length === 0) return [];
    const requestIds = requests.map((r) => r.id);
    const [csps, returns, checks] = await Promise.all([
      manager.find(CspEntity, { where: { id: In([...new Set(requests.map((r) => r.cspId))]) }, select: { id: true, name: true } }),
      manager.find(DisclosureReturnEntity, { where: { applicationId }, order: { receivedAt: 'ASC', id: 'ASC' } }),
      manager.find(DisclosureReturnCheckEntity, { where: { requestId: In(requestIds) }, order: { createdAt: 'ASC', code: 'ASC' } }),
    ]);
    const cspNames = new Map(csps.map((c) => [c.id, c.name]));
    return requests.map((request) => ({
      id: request.id,
      status: request.status,
      answeredNil: request.status === 'nilReturn' || request.cspStatus === 'nilReturn',
      cspId: request.cspId,
      cspName: cspNames.get(request.cspId) ?? request.cspId,
      cspReference: request.cspReference,
      createdAt: request.createdAt,
      sentAt: request.sentAt,
      sentBy: request.outcome.sentBy ?? null,
      cspStatement: request.outcome.cspStatement ?? request.outcome.cspReason ?? null,
      checkedAt: request.outcome.checkedAt ? new Date(request.outcome.checkedAt) : null,
      checkedBy: request.outcome.checkedBy ?? null,
      cancelledAt: request.cancelledAt,
      items: request.items,
      returns: returns
        .filter((r) => r.requestId === request.id)
        .map((r) => ({
          id: r.id,
          dataItemRef: r.dataItemRef,
          recordType: r.recordType,
          fileName: r.fileName,
          receivedAt: r.receivedAt,
          receivedBy: r.receivedBy,
          sha256: r.sha256,
          rowCount: r.rowCount,
          nil: r.nil,
          quarantined: r.quarantined,
          afterEnd: r.afterEnd,
          failedChecks: checks
            .filter((c) => c.returnId === r.id)
            .map((c) => ({
              id: c.id,
              code: c.code,
              rowCount: c.rowCount,
              detail: c.detail,
              reviewDecision: c.reviewDecision,
              reviewReason: c.reviewReason,
              reviewedBy: c.reviewedBy,
              reviewedAt: c.reviewedAt,
            })),
        })),
    }));
  }

  /** How many rows the returns hold, so a caller can refuse before loading them. */
  countRows(manager: EntityManager, returnIds: readonly string[]): Promise<number> {
    return returnIds.length === 0 ? Promise.resolve(0) : manager.count(AcquiredRecordEntity, { where: { returnId: In([...returnIds]) } });
  }

  /** The rows of the returns, in the order of `returnIds` and then by row number. */
  async rowsOf(manager: EntityManager, returnIds: readonly string[]): Promise<AcquiredRow[]> {
    const rows: AcquiredRow[] = [];
    for (const returnId of returnIds) {
      rows.push(...(await manager.find(AcquiredRecordEntity, { where: { returnId }, order: { rowNumber: 'ASC' } })));
    }
    return rows;
  }
}

/** Every check a return goes through (docs/returns.md §5), in the catalogue's order. */
export const ALL_RETURN_CHECKS: readonly ReturnCheckCode[] = RETURN_CHECK_CODES;

/** Provides {@link Acquisitions} to the features that import it through public-api.ts. */
@Module({ providers: [Acquisitions], exports: [Acquisitions] })
export class AcquisitionsModule {}
