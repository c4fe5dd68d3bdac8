/**
 * What other features may use of disclosures, and the only file of src/disclosures they may import
 * (docs/architecture.md §3): the outbox events it publishes.
 */

/** A check on a CSP's return failed: the error register raises a suspected error for each. */
export { RETURN_CHECK_FAILED } from './returns/return-events';
