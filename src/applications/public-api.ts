/**
 * What other features may use of applications, and the only file of src/applications they may import
 * (docs/architecture.md §3; the import-boundary lint rule in eslint.config.mjs enforces it). Links between
 * features are ids: another feature reads application facts through {@link ApplicationLookup}, listens to
 * the outbox events named here, and never changes an application's rows itself: records made before the
 * service are written by applications, through {@link ApplicationImports}, and a disclosure request's
 * identifier windows through {@link IdentifierWindows}.
 */

/** The Nest module to import for {@link ApplicationLookup}, {@link ApplicationRecords}, {@link ApplicationImports} and {@link IdentifierWindows} (it exports nothing else). */
export { ApplicationsModule } from './applications.module';
/** The read interface: facts about applications, by id. */
export { ApplicationLookup, type ApplicationForDisclosure } from './application-lookup';
/** The read interface of an application's whole record (fields, conversation, history with hashes, verification), for the record PDF. */
export {
  ApplicationRecords,
  type ApplicationFindings,
  type ApplicationRecord,
  type ApplicationRecordFields,
  type JudicialDecision,
} from './application-records';
/** What the record carries of the conversation and the history (docs/architecture.md §8). */
export type { ConversationEntry } from './application-conversation.mapper';
export type { ApplicationHistoryItem } from './application-history.mapper';
/** The import interface: records made under RIPA 2000 s.22 stored as applications in `ripaRecord`. */
export { ApplicationImports, type ImportedRecord, type ImportSource } from './application-imports';
/** The write interface for the index of identifiers sought: a disclosure request's items, when it is made. */
export { IdentifierWindows, type WindowedItem, type WindowedRequest } from './identifier-windows';
/** The read interface applications need of disclosures, which the disclosures feature provides under the token. */
export { DISCLOSURE_FACTS_READER, type DisclosureFactsReader, type DisclosureProgress } from './disclosure-facts.reader';
/** The read interface applications need of products, which the products feature provides under the token. */
export { PRODUCT_FACTS_READER, type ProductFactsReader } from './product-facts.reader';
/** What the duplicate-acquisition warning shows of a request, which the disclosures feature provides under the token. */
export { REQUEST_SUMMARY_READER, type RequestSummary, type RequestSummaryReader } from './request-summary.reader';
/** Outbox event types applications publish. */
export { WRITTEN_RECORD_OVERDUE } from './application-deadlines.service';
/** DTO validators shared with other features' request bodies (same limits, same instant format). */
export { IsInstantWithOffset, Maybe, SHORT_MAX, TEXT_MAX } from './form-validators';
/** The instant format itself, for rules that compare instants across fields. */
export { parseInstantWithOffset } from './period';
/** Identifier normalisation, so a CSP's return compares its identifiers exactly as the application stored them. */
export { normaliseIdentifier, type NormaliseResult } from './identifiers';
/**
 * What the web pages call (src/web): the same services and DTOs as this feature's controllers, so a page applies
 * exactly the API's rules (issue 19: no business rule written twice).
 */
export { ApplicationsService } from './applications.service';
export { ApplicationEventsService } from './application-events.service';
export { ApplicationOverlaps } from './application-overlaps';
export { ApplicationFormDto } from './application-form.dto';
export { ApplicationEventDto } from './application-event.dto';
export type { ApplicationResponse } from './application.mapper';
