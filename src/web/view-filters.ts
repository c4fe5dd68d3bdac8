import type { Environment } from 'nunjucks';
import { APPLICATION_EVENT_LABELS, APPLICATION_STATE_LABELS } from '../workflow/application.labels';
import type { ApplicationEventType, ApplicationState } from '../workflow/application.types';
import { formatLondonDateTime } from '../workflow/london-time';

/**
 * The protective marking every page carries at its top and foot (HMG Government Security Classifications:
 * communications data and the applications for it are OFFICIAL-SENSITIVE), as the PDFs carry it.
 */
export const PAGE_MARKING = 'OFFICIAL-SENSITIVE';

/** GOV.UK tag colours by state: what needs someone's action stands out, what is over is grey. */
const STATE_TAG: Readonly<Partial<Record<ApplicationState, string>>> = {
  draft: 'govuk-tag--grey',
  spocReview: 'govuk-tag--blue',
  returnedToApplicant: 'govuk-tag--orange',
  awaitingAuthorisation: 'govuk-tag--purple',
  awaitingJudicialApproval: 'govuk-tag--purple',
  authorised: 'govuk-tag--green',
  productIssued: 'govuk-tag--turquoise',
  refused: 'govuk-tag--red',
  declinedBySpoc: 'govuk-tag--red',
  quashed: 'govuk-tag--red',
};

/** An instant as a person in the UK reads it, with the zone named (docs/law.md §2.3): `18 Dec 2026 14:03 GMT`. */
export function londonTime(value: string | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const instant = value instanceof Date ? value : new Date(value);
  return Number.isNaN(instant.getTime()) ? '' : formatLondonDateTime(instant);
}

/** A rule's message as a sentence: the guards write theirs in lower case, to be quoted (`the decider is the applicant`). */
export function sentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return trimmed;
  const first = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}

/** The filters every view may use: times, states and events in words, never codes. */
export function registerViewFilters(environment: Environment): void {
  environment.addGlobal('marking', PAGE_MARKING);
  environment.addFilter('londonTime', londonTime);
  environment.addFilter('sentence', sentence);
  // The MoJ timeline's own date filter, given our one way of writing a time (its default formats UTC without a zone).
  environment.addFilter('mojDate', (value: string) => londonTime(value));
  environment.addFilter('stateLabel', (state: ApplicationState) => APPLICATION_STATE_LABELS[state] ?? state);
  environment.addFilter('stateTag', (state: ApplicationState) => STATE_TAG[state] ?? 'govuk-tag--grey');
  environment.addFilter('eventLabel', (event: ApplicationEventType) => APPLICATION_EVENT_LABELS[event] ?? event);
}
