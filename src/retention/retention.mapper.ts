import type { RetentionDecisionEntity } from '../database/retention-decision.entity';
import type { DestructionCertificateEntity, LegalHoldEntity, LegalHoldReleaseEntity, RetentionReviewEntity } from './retention.entities';
import type { DestructionCertificate, LegalHold, RetentionDecision, RetentionReview } from './retention.responses';

export function toDecision(d: RetentionDecisionEntity): RetentionDecision {
  return {
    id: d.id,
    recordType: d.recordType,
    recordId: d.recordId,
    decision: d.decision,
    reason: d.reason,
    decidedBy: d.decidedBy,
    decidedAt: d.decidedAt.toISOString(),
    reviewAgainAt: d.reviewAgainAt?.toISOString() ?? null,
  };
}

export function toCertificate(c: DestructionCertificateEntity, decision: RetentionDecisionEntity): DestructionCertificate {
  return {
    id: c.id,
    decision: toDecision(decision),
    recordType: c.recordType,
    recordId: c.recordId,
    deletedFields: JSON.parse(c.deletedFields) as string[],
    acquiredInErrorId: c.acquiredInErrorId,
    historyHead: c.historyHead,
    destroyedBy: c.destroyedBy,
    destroyedAt: c.destroyedAt.toISOString(),
  };
}

export function toHold(h: LegalHoldEntity, release: LegalHoldReleaseEntity | null): LegalHold {
  return {
    id: h.id,
    recordType: h.recordType,
    recordId: h.recordId,
    kind: h.kind,
    reason: h.reason,
    placedBy: h.placedBy,
    placedAt: h.placedAt.toISOString(),
    releasedAt: release?.releasedAt.toISOString() ?? null,
    releasedBy: release?.releasedBy ?? null,
    releaseReason: release?.reason ?? null,
  };
}

export function toReview(r: RetentionReviewEntity): RetentionReview {
  return {
    id: r.id,
    recordType: r.recordType,
    recordId: r.recordId,
    closedAt: r.closedAt.toISOString(),
    dueAt: r.dueAt.toISOString(),
    markedAt: r.markedAt.toISOString(),
    decisionId: r.decisionId,
  };
}
