import { digestFields, type RowDigest, type RowProjection } from '../database/hash-chain';
import type { ApplicationEntity } from './application.entity';

/**
 * What of an application's row each history row commits to (issue 21, item 1; docs/architecture.md §11): every
 * column that carries the record's state — status, version, the form and the SPOC's section, the decision, the
 * validity dates, the link to what it renews, who holds it — so an edit of the row alone, behind the chain's
 * back, is named by verify. Not `history_head` (it is the hash itself). Each field's name as a person reads it;
 * the keys are stored in `row_digest`, so they never change (a field may be added: verify checks only the fields
 * a row committed to).
 */
export const APPLICATION_ROW_FIELDS: Readonly<Record<string, string>> = {
  status: 'status',
  version: 'version',
  machineVersion: 'machine version',
  urn: 'URN',
  authorityId: 'authority',
  applicantId: 'applicant',
  spocId: 'SPOC',
  grantedById: 'granted by',
  route: 'route',
  form: 'form',
  spocSection: 'SPOC section',
  decision: 'decision',
  oralGrant: 'oral grant',
  writtenRecordDueAt: 'written record due',
  validFrom: 'valid from',
  expiresAt: 'expiry',
  renewalOf: 'renewal of',
  submittedForAuthorisationAt: 'first submitted for authorisation',
  lastSubmittedForAuthorisationAt: 'last submitted for authorisation',
  submittedToOcdaAt: 'submitted to OCDA',
  judicialApprovalRequestedAt: 'judicial approval requested',
  ripaReference: 'RIPA reference',
  ripa: 'RIPA particulars',
  createdAt: 'created',
  updatedAt: 'last changed',
};

/** The application's row as its history commits to it: pure, the same for the write path and for verify. */
export function applicationRowDigest(row: ApplicationEntity): RowDigest {
  return digestFields(Object.fromEntries(Object.keys(APPLICATION_ROW_FIELDS).map((field) => [field, row[field as keyof ApplicationEntity]])));
}

/** The projection ApplicationHistory checks a stored row with. */
export const APPLICATION_ROW: RowProjection<ApplicationEntity> = { digest: applicationRowDigest, labels: APPLICATION_ROW_FIELDS };
