import type { EntityManager, EntityTarget } from 'typeorm';
import { DomainException, NotFoundDomainException } from '../http/domain-exception';
import { type HashChain, type HistoryRow, nextHistoryEntry, rowAfterWrite } from './hash-chain';
import { RetentionDecisionEntity, type RetentionRecordType } from './retention-decision.entity';
import { updateVersioned } from './versioned-update';

/** What every aggregate whose content a retention decision can delete has on its row. */
export interface RetainedRow {
  id: string;
  authorityId: string;
  version: number;
  status: string;
  machineVersion: string;
  historyHead: string;
  updatedAt: Date;
}

/** One aggregate kind, as the deletion of its content sees it: how decisions name it, its row, its chain. */
export interface RetentionTarget<A extends RetainedRow> {
  /** The record as a sentence names it ("The application"). */
  what: string;
  recordType: RetentionRecordType;
  entity: EntityTarget<A>;
  chain: Pick<HashChain<HistoryRow<string>, A>, 'append' | 'blankPayloads' | 'blankedUnder' | 'digestOf'>;
  stale: (readVersion: number) => Error;
}

/** The payload of the history row a deletion appends: the decision, and which of the row's fields it emptied. */
export interface ContentDeletedPayload {
  retentionDecisionId: string;
  deletedFields: string[];
}

/**
 * Deletes a record's content under a retention decision (issue 21, item 3; docs/architecture.md §11), in the
 * caller's transaction: the decision must be a `delete` one about this very record, from its own authority, not
 * yet carried out. Every history payload is blanked naming it (the database refuses any other blanking), the
 * row's content columns take the values `content` gives (for the row as it is), and one `edited` history row records the deletion and
 * commits to the row as it is left, so `…/history/verify` still passes. Nothing else of the record changes:
 * its status, dates and people stay, for the statistics and the inspectors.
 */
export async function deleteContentUnderDecision<A extends RetainedRow>(
  tx: EntityManager,
  target: RetentionTarget<A>,
  id: string,
  decisionId: string,
  actor: { id: string; roles: readonly string[] },
  now: Date,
  content: (row: A) => Partial<A>,
): Promise<{ row: A; deletedFields: string[] }> {
  const row = await tx.findOneBy<A>(target.entity, { id } as never);
  if (row === null) throw new NotFoundDomainException(target.what);
  const decision = await tx.findOneBy(RetentionDecisionEntity, { id: decisionId });
  if (decision === null || decision.recordType !== target.recordType || decision.recordId !== row.id || decision.authorityId !== row.authorityId) {
    throw refused(`No retention decision ${decisionId} about this record was found; content is deleted only under a recorded decision about it.`);
  }
  if (decision.decision !== 'delete') {
    throw refused(`Retention decision ${decisionId} is to retain this record, not to delete it.`);
  }
  if (await target.chain.blankedUnder(tx, row.id, decisionId)) {
    throw refused(`Retention decision ${decisionId} has already been carried out for this record.`);
  }
  await target.chain.blankPayloads(tx, row.id, decisionId);
  const emptied = content(row);
  const deletedFields = Object.keys(emptied);
  const changes = { ...emptied, updatedAt: now } as Partial<A>;
  const payload: ContentDeletedPayload = { retentionDecisionId: decisionId, deletedFields };
  const rowDigest = target.chain.digestOf(rowAfterWrite(row, changes));
  const head = await target.chain.append(tx, nextHistoryEntry(row, actor, now, { kind: 'edited', toState: row.status, payload, rowDigest }), row.historyHead);
  return { row: await updateVersioned(tx, target.entity, row, { ...changes, historyHead: head }, target.stale), deletedFields };
}

const refused = (detail: string): DomainException => new DomainException('RETENTION_DECISION_INVALID', detail);
