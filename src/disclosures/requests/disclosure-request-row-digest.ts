import { digestFields, type RowDigest, type RowProjection } from '../../database/hash-chain';
import type { DisclosureRequestEntity } from './disclosure-request.entity';

/**
 * What of a disclosure request's row each history row commits to (issue 21, item 1; docs/architecture.md §11):
 * status, version, our desired status and the CSP's, the items asked for, the CSP's reference, when it was sent
 * and cancelled, whether the CSP must be told, the outcome, and its links (application, CSP, authority). Not
 * `history_head` (it is the hash itself). Each field's name as a person reads it; the keys are stored in
 * `row_digest`, so they never change.
 */
export const DISCLOSURE_REQUEST_ROW_FIELDS: Readonly<Record<string, string>> = {
  status: 'status',
  version: 'version',
  machineVersion: 'machine version',
  authorityId: 'authority',
  applicationId: 'application',
  cspId: 'CSP',
  desiredStatus: 'desired status',
  cspStatus: 'CSP status',
  items: 'items',
  cspReference: 'CSP reference',
  sentAt: 'sent',
  cancelledAt: 'cancelled',
  cspToBeTold: 'CSP to be told',
  outcome: 'outcome',
  createdAt: 'created',
  updatedAt: 'last changed',
};

/** The request's row as its history commits to it: pure, the same for the write path and for verify. */
export function disclosureRequestRowDigest(row: DisclosureRequestEntity): RowDigest {
  return digestFields(
    Object.fromEntries(Object.keys(DISCLOSURE_REQUEST_ROW_FIELDS).map((field) => [field, row[field as keyof DisclosureRequestEntity]])),
  );
}

/** The projection DisclosureRequestHistory checks a stored row with. */
export const DISCLOSURE_REQUEST_ROW: RowProjection<DisclosureRequestEntity> = { digest: disclosureRequestRowDigest, labels: DISCLOSURE_REQUEST_ROW_FIELDS };
