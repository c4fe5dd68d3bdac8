/**
 * Outbox event: a check on a CSP's return failed (docs/returns.md; docs/law.md §2.4 errorSuspected). The error
 * register turns each into a suspected entry linked to the application and the request. Payload:
 * `{ authorityId, applicationId, disclosureRequestId, returnId, urn, check, detail }`.
 */
export const RETURN_CHECK_FAILED = 'returnCheckFailed';
