/**
 * What other features may use of disclosures, and the only file of src/disclosures they may import
 * (docs/architecture.md §3): the outbox events it publishes, and the read interface of what was acquired.
 */

/** A check on a CSP's return failed: the error register raises a suspected error for each. */
export { RETURN_CHECK_FAILED } from './returns/return-events';
/** What was acquired under an application: requests, returns with their hashes and checks, and rows (products, the record). */
export {
  ALL_RETURN_CHECKS,
  Acquisitions,
  AcquisitionsModule,
  type AcquiredCheck,
  type AcquiredRequest,
  type AcquiredReturn,
  type AcquiredRow,
} from './acquisition/acquisitions';
