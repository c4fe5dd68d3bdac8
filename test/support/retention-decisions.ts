/**
 * A retention decision written straight into `retention_decision` (issue 21, item 3), for specs that blank a history
 * payload or delete a record's content under one: the SRO's endpoint that records decisions is the accountability
 * work's.
 */
import { randomUUID } from 'node:crypto';
import type { RetentionDecisionKind, RetentionRecordType } from '../../src/database/retention-decision.entity';
import { rawSql } from './lifecycle-http';
import type { TestApp } from './test-app';

/**
 * Records a decision about `recordId` (a `delete` one unless said otherwise) and returns its id. It is made by the
 * record's own authority (each record type's table is named as the type is) unless `authorityId` says otherwise.
 */
export async function recordRetentionDecision(
  t: TestApp,
  recordType: RetentionRecordType,
  recordId: string,
  decision: RetentionDecisionKind = 'delete',
  authorityId?: string,
): Promise<string> {
  const id = randomUUID();
  const [record] = await rawSql<{ authority_id: string }>(t, `SELECT authority_id FROM ${recordType} WHERE id = $1`, [recordId]);
  await rawSql(
    t,
    'INSERT INTO retention_decision (id, record_type, record_id, authority_id, decision, reason, decided_by, decided_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
    [id, recordType, recordId, authorityId ?? record?.authority_id ?? randomUUID(), decision, 'Past its retention period; no hold applies.', randomUUID(), '2032-01-05T10:00:00.000Z'],
  );
  return id;
}
