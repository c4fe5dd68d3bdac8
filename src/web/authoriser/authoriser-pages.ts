import type { ApplicationResponse } from '../../applications/public-api';
import { PRIORITY_GRADE_LABELS, ROUTE_LABELS } from '../../workflow/application-form.labels';
import { WEB_PREFIX } from '../web-paths';
import { sentence } from '../view-filters';

/** Where the authoriser's pages are (slugs as src/web/record/actions.ts gives them). */
export const DECISIONS_PATH = `${WEB_PREFIX}/decisions`;
export const recordPath = (id: string): string => `${WEB_PREFIX}/applications/${id}`;
export const decidePath = (id: string): string => `${recordPath(id)}/decide`;
export const judicialDecisionPath = (id: string): string => `${recordPath(id)}/judicial-decision`;
export const writtenRecordPath = (id: string): string => `${recordPath(id)}/written-record`;

/** The header every authoriser page shows of the application, in words. */
export function headerOf(application: ApplicationResponse) {
  const route = application.route ?? application.form.route ?? null;
  const grade = application.form.priorityGrade ?? null;
  return {
    route: route ? ROUTE_LABELS[route] : 'Not given',
    priority: grade ? PRIORITY_GRADE_LABELS[grade] : 'Not given',
  };
}

/** What a rule blocks for this reader, each as a sentence (the service's `blockedEvents`). */
export function blockedOf(application: ApplicationResponse, events: readonly string[]) {
  return application.blockedEvents.filter((b) => events.includes(b.event)).map((b) => ({ event: b.event, message: sentence(b.message) }));
}
