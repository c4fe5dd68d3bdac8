/**
 * What other features may use of the CD error register, and the only file of src/errors they may import
 * (docs/architecture.md §3): the entries linked to an application, read through the register. Nothing
 * outside the register changes its rows except through the register's own service, as the API does.
 */

/** The read interface, and the Nest module that provides it. */
export { ErrorsForApplication, ErrorsForApplicationModule, type LinkedError } from './errors-for-application';

/**
 * The register's module, service, report and DTOs, for the manager's web pages (docs/web.md; issue 20): a page
 * calls the same service with the same DTO as `/errors`, so the register's rules are written once.
 */
export { ErrorsModule } from './errors.module';
export { CdErrorsService } from './cd-errors.service';
export { CdErrorReports } from './cd-error-reports.service';
export { CdErrorEventDto, CreateCdErrorDto, ListCdErrorsQuery, PatchCdErrorDto } from './cd-error.dto';
export type { CdErrorResponse } from './cd-error.mapper';
export type { CdErrorHistoryItem } from './cd-error-history.mapper';
export { REPORT_FIELD_FORMATS, REPORT_FIELD_LABELS, REPORT_IDENTIFICATION_LABELS } from './error-report.view';
/** The states in which an entry's report may still be edited: the pages offer the edit by the service's own list. */
export { EDITABLE as EDITABLE_STATES } from './cd-errors.service';
