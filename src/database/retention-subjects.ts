import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RetentionRecordType } from './retention-decision.entity';
import type { RetainedRow } from './retention-deletion';

/**
 * One kind of record whose content the retention feature may delete (issue 24, item 6; docs/retention.md), as its
 * owning feature describes it: where its rows and history are, which states close it, and how its content is deleted
 * under a decision in the caller's transaction. The owner registers it with {@link RetentionSubjects}, so the
 * retention feature reads no feature's tables by name it was not given and changes no feature's rows itself.
 */
export interface RetentionSubject {
  recordType: RetentionRecordType;
  /** The record as a sentence names it ("The application"). */
  what: string;
  table: string;
  historyTable: string;
  /** The history table's column naming the record. */
  aggregateColumn: string;
  /** The states no event leaves: the retention period runs from the first history row that reached one. */
  finalStates: readonly string[];
  /** Deletes the content under `decisionId` (src/database/retention-deletion.ts) in `tx`: the row as left, and the fields emptied. */
  deleteContent(tx: EntityManager, id: string, decisionId: string, actor: RetentionActor, now: Date): Promise<{ row: RetainedRow; deletedFields: string[] }>;
}

/** Who deletes: the person the decision's history row names. */
export interface RetentionActor {
  id: string;
  roles: readonly string[];
}

/** The registry the owning features fill at start and the retention feature reads. */
@Injectable()
export class RetentionSubjects {
  private readonly byType = new Map<RetentionRecordType, RetentionSubject>();

  register(subject: RetentionSubject): void {
    if (this.byType.has(subject.recordType)) throw new Error(`A retention subject for ${subject.recordType} is registered twice`);
    this.byType.set(subject.recordType, subject);
  }

  of(recordType: RetentionRecordType): RetentionSubject {
    const subject = this.byType.get(recordType);
    if (subject === undefined) throw new Error(`No retention subject for ${recordType} is registered`);
    return subject;
  }

  all(): RetentionSubject[] {
    return [...this.byType.values()];
  }
}
