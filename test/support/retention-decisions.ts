/**
 * A retention decision written straight into `retention_decision` (issue 21, item 3), for specs that blank a history
 * payload as the retention path will: the SRO's endpoint that records decisions is the accountability work's, and
 * the database, not the service, is what these specs hold to the rule.
 */
import { randomUUID } from 'node:crypto';
import type { RetentionDecisionKind, RetentionRecordType } from '../../src/database/retention-decision.entity';
import { rawSql } from './lifecycle-http';
import type { TestApp } from './test-app';

/** Records a decision about `recordId` (a `delete` one unless said otherwise) and returns its id. */
export async function recordRetentionDecision(
  t: TestApp,
  recordType: RetentionRecordType,
  recordId: string,
  decision: RetentionDecisionKind = 'delete',
): Promise<string> {
  const id = randomUUID();
  await rawSql(
    t,
    'INSERT INTO retention_decision (id, record_type, record_id, authority_id, decision, reason, decided_by, decided_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
    [id, recordType, recordId, randomUUID(), decision, 'Past its retention period; no hold applies.', randomUUID(), '2032-01-05T10:00:00.000Z'],
  );
  return id;
}
