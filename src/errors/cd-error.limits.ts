/**
 * The longest text each free-text field of the error report accepts (docs/law.md §4.3). Every one of them
 * reaches the report to the IPC and its PDF, so each has a bound a person filling in a regulator's form
 * would recognise: a few pages of narrative for what happened and how, shorter answers for the rest, and
 * a reference-sized URN. The DTO validates with these numbers and documents them in the OpenAPI
 * (`MaxReportText`, report-text-validator.ts); the tests and the bench build their worst-case reports
 * from them. Plain data, so a fixture can import it without loading Nest.
 */
import type { CdErrorReport } from '../workflow/cd-error.types';

/** The report fields a person types freely (`Pick` refuses a name that is not a report field). */
export type ReportTextField = keyof Pick<
  CdErrorReport,
  | 'urn'
  | 'errorDescription'
  | 'howItOccurred'
  | 'collateralIntrusion'
  | 'preventiveSteps'
  | 'actionTakenOnData'
  | 'cspNotInformedReason'
  | 'excessDataDetails'
  | 'dataWronglyObtained'
  | 'authoriserReview'
>;

/** Characters at most (UTF-16 code units, as class-validator counts them). */
export const REPORT_TEXT_LIMITS = Object.freeze({
  urn: 100,
  errorDescription: 4_000,
  howItOccurred: 4_000,
  collateralIntrusion: 2_000,
  preventiveSteps: 2_000,
  actionTakenOnData: 2_000,
  cspNotInformedReason: 1_000,
  excessDataDetails: 2_000,
  dataWronglyObtained: 1_000,
  authoriserReview: 2_000,
} as const satisfies Record<ReportTextField, number>);

/** The free-text fields, in report order. */
export const REPORT_TEXT_FIELDS = Object.freeze(Object.keys(REPORT_TEXT_LIMITS) as ReportTextField[]);

