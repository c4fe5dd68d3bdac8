import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type EntityManager, In, IsNull, Not } from 'typeorm';
import type { Principal } from '../auth/principal';
import { CLOCK } from '../clock.provider';
import { APP_CONFIG, type AppConfig } from '../config';
import { RetentionDecisionEntity, type RetentionRecordType } from '../database/retention-decision.entity';
import { type RetentionSubject, RetentionSubjects } from '../database/retention-subjects';
import { lockRow } from '../database/row-lock';
import { placeholder, placeholders } from '../database/sql-placeholders';
import { UnitOfWork } from '../database/unit-of-work';
import { ErrorsForApplication } from '../errors/public-api';
import { DomainException, NotFoundDomainException } from '../http/domain-exception';
import type { Clock } from '../workflow/clock';
import { formatLondonDateTime } from '../workflow/london-time';
import type { ListReviewsQuery, PlaceLegalHoldDto, ReleaseLegalHoldDto, RetentionDecisionDto } from './retention.dto';
import { DestructionCertificateEntity, LegalHoldEntity, LegalHoldReleaseEntity, RetentionReviewEntity } from './retention.entities';
import { toCertificate, toDecision, toHold, toReview } from './retention.mapper';
import { retentionDueAt, reviewDueAt } from './retention-policy';
import type { DestructionCertificate, LegalHold, RetentionDecisionOutcome, RetentionRecord, RetentionReviewList } from './retention.responses';

const REVIEWS_LISTED = 100;
/** Register entries whose data was wrongly acquired (a recordable error was caught before any was: docs/law.md §4.1). */
const ACQUIRED_IN_ERROR_KINDS: readonly (string | null)[] = ['relevantError', 'operatorError'];
const ERROR_LINK_TYPES: Partial<Record<RetentionRecordType, 'application' | 'disclosureRequest'>> = { application: 'application', disclosure_request: 'disclosureRequest' };

interface RecordRow {
  id: string;
  authority_id: string;
  status: string;
}

/**
 * Retention and destruction (issue 24, item 6; docs/retention.md): the SRO's decisions (retain with a reason and a
 * date to look again, or delete), legal holds that block deletion, and the certificate of each deletion. Content is
 * deleted only here, in the decision's own transaction, through the owning feature's decision-bound deletion, so
 * nothing is deleted without a recorded decision and the record's history still verifies. Everything is of the
 * SRO's own authority: another authority's record is "not found".
 */
@Injectable()
export class RetentionService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly subjects: RetentionSubjects,
    private readonly errors: ErrorsForApplication,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  record(p: Principal, recordType: RetentionRecordType, recordId: string): Promise<RetentionRecord> {
    return this.uow.read(async (m) => {
      const subject = this.subjects.of(recordType);
      const row = await ownRecord(m, p, subject, recordId);
      const closedAt = await closureOf(m, subject, row);
      const about = { recordType, recordId };
      // One after another: the reads share the transaction's one connection.
      const reviews = await m.find(RetentionReviewEntity, { where: about, order: { dueAt: 'ASC', id: 'ASC' } });
      const decisions = await m.find(RetentionDecisionEntity, { where: about, order: { decidedAt: 'ASC', id: 'ASC' } });
      const holds = await this.holdsOf(m, recordType, recordId);
      const certificates = await m.find(DestructionCertificateEntity, { where: about, order: { destroyedAt: 'ASC', id: 'ASC' } });
      return {
        recordType,
        recordId,
        status: row.status,
        closedAt: closedAt?.toISOString() ?? null,
        periodEndsAt: closedAt === null ? null : retentionDueAt(closedAt, this.config.retention.years[recordType]).toISOString(),
        reviews: reviews.map(toReview),
        decisions: decisions.map(toDecision),
        holds,
        certificates: certificates.map((c) => toCertificate(c, decisions.find((d) => d.id === c.decisionId) as RetentionDecisionEntity)),
      };
    });
  }

  /** The SRO's authority's reviews waiting for a decision (or answered), oldest due first. */
  listReviews(p: Principal, query: ListReviewsQuery): Promise<RetentionReviewList> {
    return this.uow.read(async (m) => {
      const rows = await m.find(RetentionReviewEntity, {
        where: { authorityId: p.authorityId, decisionId: query.state === 'decided' ? Not(IsNull()) : IsNull() },
        order: { dueAt: 'ASC', id: 'ASC' },
        take: REVIEWS_LISTED + 1,
      });
      return { items: rows.slice(0, REVIEWS_LISTED).map(toReview), truncated: rows.length > REVIEWS_LISTED };
    });
  }

  decide(p: Principal, dto: RetentionDecisionDto): Promise<RetentionDecisionOutcome> {
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const subject = this.subjects.of(dto.recordType);
      // Decisions and holds about one record take its row's lock first, so they run one after the other: a deletion
      // sees a hold placed, and a decision to retain made, while it waited (PostgreSQL reads at READ COMMITTED).
      await lockRow(tx, subject.table, dto.recordId);
      const row = await ownRecord(tx, p, subject, dto.recordId);
      const about = { recordType: dto.recordType, recordId: dto.recordId };
      const destroyed = await tx.findOneBy(DestructionCertificateEntity, about);
      if (destroyed !== null) throw invalid(`${subject.what}'s content was already deleted, under decision ${destroyed.decisionId}.`);
      const waiting = await tx.findOneBy(RetentionReviewEntity, { ...about, decisionId: IsNull() });
      const decision: RetentionDecisionEntity = {
        id: randomUUID(),
        ...about,
        authorityId: row.authority_id,
        decision: dto.decision,
        reason: dto.reason,
        decidedBy: p.id,
        decidedAt: now,
        reviewAgainAt: dto.decision === 'retain' ? reviewAgain(dto, now) : null,
      };
      if (dto.decision === 'delete') {
        if (dto.reviewAgainAt !== undefined) throw fieldError('reviewAgainAt', 'is for a decision to retain; a deletion sets no review');
        await this.deletable(tx, p, subject, row, dto, now);
      }
      await tx.insert(RetentionDecisionEntity, decision);
      if (waiting !== null) await tx.update(RetentionReviewEntity, { id: waiting.id, decisionId: IsNull() }, { decisionId: decision.id });
      if (dto.decision === 'retain') return { decision: toDecision(decision), certificate: null };
      const deleted = await subject.deleteContent(tx, row.id, decision.id, p, now);
      const certificate: DestructionCertificateEntity = {
        id: randomUUID(),
        decisionId: decision.id,
        ...about,
        authorityId: row.authority_id,
        deletedFields: JSON.stringify(deleted.deletedFields),
        acquiredInErrorId: dto.acquiredInErrorId ?? null,
        historyHead: deleted.row.historyHead,
        destroyedBy: p.id,
        destroyedAt: now,
      };
      await tx.insert(DestructionCertificateEntity, certificate);
      return { decision: toDecision(decision), certificate: toCertificate(certificate, decision) };
    });
  }

  placeHold(p: Principal, dto: PlaceLegalHoldDto): Promise<LegalHold> {
    return this.uow.run(async (tx) => {
      const subject = this.subjects.of(dto.recordType);
      await lockRow(tx, subject.table, dto.recordId);
      const row = await ownRecord(tx, p, subject, dto.recordId);
      const hold: LegalHoldEntity = {
        id: randomUUID(),
        recordType: dto.recordType,
        recordId: dto.recordId,
        authorityId: row.authority_id,
        kind: dto.kind,
        reason: dto.reason,
        placedBy: p.id,
        placedAt: this.clock.now(),
      };
      await tx.insert(LegalHoldEntity, hold);
      return toHold(hold, null);
    });
  }

  releaseHold(p: Principal, holdId: string, dto: ReleaseLegalHoldDto): Promise<LegalHold> {
    return this.uow.run(async (tx) => {
      const hold = await tx.findOneBy(LegalHoldEntity, { id: holdId, authorityId: p.authorityId });
      if (hold === null) throw new NotFoundDomainException('The legal hold');
      const earlier = await tx.findOneBy(LegalHoldReleaseEntity, { holdId });
      if (earlier !== null) {
        throw new DomainException('RETENTION_HOLD_RELEASED', `The legal hold was already released on ${formatLondonDateTime(earlier.releasedAt)}.`);
      }
      const release: LegalHoldReleaseEntity = { holdId, reason: dto.reason, releasedBy: p.id, releasedAt: this.clock.now() };
      await tx.insert(LegalHoldReleaseEntity, release);
      return toHold(hold, release);
    });
  }

  certificate(p: Principal, id: string): Promise<DestructionCertificate> {
    return this.uow.read(async (m) => {
      const certificate = await m.findOneBy(DestructionCertificateEntity, { id, authorityId: p.authorityId });
      if (certificate === null) throw new NotFoundDomainException('The destruction certificate');
      return toCertificate(certificate, await m.findOneByOrFail(RetentionDecisionEntity, { id: certificate.decisionId }));
    });
  }

  /**
   * A record may be deleted once it is closed, no legal hold stands on it, and either it is due for review (its
   * retention period has run, and no decision to retain it set a later date to look again: what the review job marks,
   * whether or not the job has run yet) or a register entry establishes that its data was acquired in error (Code of
   * Practice: such data is destroyed; docs/retention.md).
   */
  private async deletable(tx: EntityManager, p: Principal, subject: RetentionSubject, row: RecordRow, dto: RetentionDecisionDto, now: Date): Promise<void> {
    if (!subject.finalStates.includes(row.status)) {
      throw invalid(`${subject.what} is still open (${row.status}); a record's content is deleted only once it is closed.`);
    }
    const holds = (await this.holdsOf(tx, dto.recordType, dto.recordId)).filter((h) => h.releasedAt === null);
    if (holds.length > 0) {
      const named = holds.map((h) => `${h.kind} (placed ${formatLondonDateTime(new Date(h.placedAt))}: ${h.reason})`).join('; ');
      throw new DomainException('RETENTION_LEGAL_HOLD', `${subject.what} is under legal hold and cannot be deleted until the hold is released: ${named}.`);
    }
    if (dto.acquiredInErrorId !== undefined) {
      const linkType = ERROR_LINK_TYPES[dto.recordType];
      const entry = linkType === undefined ? null : await this.errors.entryLinkedTo(tx, p.authorityId, dto.acquiredInErrorId, { type: linkType, id: row.id });
      if (entry === null || !ACQUIRED_IN_ERROR_KINDS.includes(entry.kind)) {
        throw fieldError('acquiredInErrorId', 'must name a relevant or operator error of the register linked to this record');
      }
      return;
    }
    const closedAt = await closureOf(tx, subject, row);
    if (closedAt === null) throw invalid(`${subject.what}'s history does not record when it closed.`);
    // The latest decision to retain says when to look again: a later one may bring the date forward.
    const retained = await tx.findOne(RetentionDecisionEntity, { where: { recordType: dto.recordType, recordId: row.id, decision: 'retain' }, order: { decidedAt: 'DESC', id: 'DESC' } });
    const due = reviewDueAt(closedAt, this.config.retention.years[dto.recordType], retained?.reviewAgainAt ?? null);
    if (due.getTime() > now.getTime()) {
      throw new DomainException(
        'RETENTION_NOT_DUE',
        `${subject.what} is kept until ${formatLondonDateTime(due)}, when it is due for review; it may be deleted before then only as data acquired in error.`,
      );
    }
  }

  private async holdsOf(m: EntityManager, recordType: RetentionRecordType, recordId: string): Promise<LegalHold[]> {
    const holds = await m.find(LegalHoldEntity, { where: { recordType, recordId }, order: { placedAt: 'ASC', id: 'ASC' } });
    const releases = holds.length === 0 ? [] : await m.findBy(LegalHoldReleaseEntity, { holdId: In(holds.map((h) => h.id)) });
    return holds.map((h) => toHold(h, releases.find((r) => r.holdId === h.id) ?? null));
  }
}

async function ownRecord(m: EntityManager, p: Principal, s: RetentionSubject, id: string): Promise<RecordRow> {
  const [row] = await m.query<RecordRow[]>(`SELECT id, authority_id, status FROM ${s.table} WHERE id = ${placeholder(m, 1)}`, [id]);
  if (row === undefined || row.authority_id !== p.authorityId) throw new NotFoundDomainException(s.what);
  return row;
}

/** When the record reached a final state: its first history row into one; null while it is open. */
async function closureOf(m: EntityManager, s: RetentionSubject, row: RecordRow): Promise<Date | null> {
  if (!s.finalStates.includes(row.status)) return null;
  const [found] = await m.query<{ closed_at: string | null }[]>(
    `SELECT MIN(at) AS closed_at FROM ${s.historyTable} WHERE ${s.aggregateColumn} = ${placeholder(m, 1)} AND to_state IN (${placeholders(m, s.finalStates.length, 2)})`,
    [row.id, ...s.finalStates],
  );
  return found?.closed_at == null ? null : new Date(found.closed_at);
}

const TEN_YEARS_MS = 10 * 366 * 86_400_000;

/** A decision to retain sets when to look again: after now, within ten years. */
function reviewAgain(dto: RetentionDecisionDto, now: Date): Date {
  if (dto.acquiredInErrorId !== undefined) throw fieldError('acquiredInErrorId', 'is for a decision to delete data acquired in error');
  if (dto.reviewAgainAt === undefined) throw fieldError('reviewAgainAt', 'is required to retain a record: when it is due for review again');
  const at = new Date(dto.reviewAgainAt);
  if (at.getTime() <= now.getTime() || at.getTime() > now.getTime() + TEN_YEARS_MS) throw fieldError('reviewAgainAt', 'must be after now and within ten years');
  return at;
}

function fieldError(field: string, message: string): DomainException {
  return new DomainException('VALIDATION_FAILED', `${field} ${message}.`, { errors: [{ field, message, code: 'retentionDecision' }] });
}

const invalid = (detail: string): DomainException => new DomainException('RETENTION_DECISION_INVALID', detail);
