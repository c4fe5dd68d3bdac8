/**
 * Outbox event: a check on a CSP's return failed (docs/returns.md; docs/law.md §2.4 errorSuspected). The error
 * register turns each into a suspected entry linked to the application and the request. Payload:
 * `{ authorityId, applicationId, disclosureRequestId, returnId, urn, check, detail }`.
 */
export const RETURN_CHECK_FAILED = 'returnCheckFailed';

/**
 * Outbox event: a line of a CSP's list of disclosures matched no authorised, sent request (a reverse audit, issue 24
 * item 4): a possible acquisition without authority. The error register turns each into a suspected entry. Payload:
 * `{ authorityId, reverseAuditId, line, applicationId, disclosureRequestId, urn, detail }` (ids and URN null when
 * the line came near no request).
 */
export const REVERSE_AUDIT_FINDING = 'reverseAuditFinding';
