import { digestFields, type RowDigest, type RowProjection } from '../database/hash-chain';
import type { CdErrorEntity } from './cd-error.entity';

/**
 * What of a CD error register entry's row each history row commits to (issue 21, item 1; docs/architecture.md §11):
 * status, version, kind, the §4.3 report and the columns indexed from it, the deadlines, the IPC exchange, where
 * a suspected entry came from, the authority. Not `history_head` (it is the hash itself). Its links to applications
 * and requests live in `cd_error_link`, outside the row. Each field's name as a person reads it; the keys are
 * stored in `row_digest`, so they never change.
 */
export const CD_ERROR_ROW_FIELDS: Readonly<Record<string, string>> = {
  status: 'status',
  version: 'version',
  machineVersion: 'machine version',
  authorityId: 'authority',
  kind: 'kind',
  causeCode: 'cause',
  responsibleParty: 'responsible party',
  isIpRelated: 'IP related',
  report: 'report',
  discoveredAt: 'discovered',
  establishedAt: 'established',
  reportDueAt: 'report due',
  agreedDueAt: 'agreed due date',
  reportedAt: 'reported',
  ipc: 'IPC exchange',
  sourceType: 'source',
  sourceEventId: 'source event',
  createdAt: 'created',
  updatedAt: 'last changed',
};

/** The entry's row as its history commits to it: pure, the same for the write path and for verify. */
export function cdErrorRowDigest(row: CdErrorEntity): RowDigest {
  return digestFields(Object.fromEntries(Object.keys(CD_ERROR_ROW_FIELDS).map((field) => [field, row[field as keyof CdErrorEntity]])));
}

/** The projection CdErrorHistory checks a stored row with. */
export const CD_ERROR_ROW: RowProjection<CdErrorEntity> = { digest: cdErrorRowDigest, labels: CD_ERROR_ROW_FIELDS };
