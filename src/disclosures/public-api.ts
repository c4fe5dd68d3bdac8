/**
 * What other features may use of disclosures, and the only file of src/disclosures they may import
 * (docs/architecture.md §3): the outbox events it publishes, and the read interface of what was acquired.
 */

/** A check on a CSP's return failed: the error register raises a suspected error for each. */
export { RETURN_CHECK_FAILED, REVERSE_AUDIT_FINDING } from './returns/return-events';
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

/**
 * What the web pages (src/web/acquisition) call: the same services, DTOs and exports as the JSON API's
 * controllers, so that a page applies no rule of its own (docs/web.md §2).
 */
export { CspsService } from './csp/csps.service';
export { ListCspsQuery } from './csp/csp.dto';
export type { Csp } from './csp/csp.types';
export { DisclosureRequestsService } from './requests/disclosure-requests.service';
export { CreateDisclosureRequestDto, DisclosureRequestEventDto } from './requests/disclosure-request.dto';
export type { DisclosureRequestResponse } from './requests/disclosure-request.mapper';
export { copyPackOf, hi1MessageOf } from './requests/disclosure-request-exports';
export { DisclosureReturnsService } from './returns/disclosure-returns.service';
export { RecordPageQuery, ReviewCheckDto } from './returns/disclosure-return.dto';
export type { ReturnCheckResponse, ReturnResponse } from './returns/disclosure-return.mapper';
export type { SpooledUpload } from './returns/return-upload';
/** The module that provides them. */
export { DisclosuresModule } from './disclosures.module';
/** When a return can arrive for a request: the page offers its upload by the rule the service refuses one with. */
export { returnExpected } from './returns/return-expected';
