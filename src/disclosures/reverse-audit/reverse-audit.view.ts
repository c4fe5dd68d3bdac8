import type { Finding, FindingKind } from './reverse-audit.match';

/** A reverse audit as its JSON answer and its PDF both give it: codes and ISO instants (the PDF words them). */
export interface ReverseAuditView {
  id: string;
  authorityName: string;
  csp: { id: string; name: string };
  period: { from: string; to: string };
  uploadedBy: string;
  uploadedAt: string;
  listSha256: string;
  lines: number;
  matched: { line: number; requestId: string; urn: string }[];
  /** As the matching found them, the instant as ISO text. */
  findings: (Omit<Finding, 'disclosedAt'> & { disclosedAt: string | null })[];
  suspectedErrors: number;
}

export const REVERSE_AUDIT_MARKING = 'OFFICIAL-SENSITIVE';
export const REVERSE_AUDIT_TITLE = 'Reverse audit of a CSP’s disclosures';

/** What a person reads for each kind of finding. */
export const FINDING_LABELS: Readonly<Record<FindingKind, string>> = Object.freeze({
  identifierNotAuthorised: 'Identifier never asked for',
  dataTypeNotAuthorised: 'Data type never asked for',
  outsideAuthorisedPeriod: 'Disclosed outside the authorised period',
  missingFromCspList: 'Recorded here, missing from the CSP’s list',
});
