/**
 * Helpers shared by the application guard files (applications only; guard-support.ts holds those shared
 * with the CD error guards). Not guards, and not re-exported by application.guards.ts: the exported surface
 * there is the guard list.
 */
import { failure } from './core/rules';
import type { EventSender } from './roles';
import type { ApplicationForm, Route } from './application.types';
import type { ApplicationRuleCode, GuardFailure } from './application-guards.rule-codes';
import type { ActorFacts, ApplicationFacts } from './application-guards.facts';

/** A refusal with an application rule code. */
export function fail(code: ApplicationRuleCode, detail?: string, fields?: readonly string[]): GuardFailure {
  return failure(code, detail, fields);
}

/** The route: the row's once set, otherwise the form's. */
export function routeOf(application: ApplicationFacts): Route | null {
  return application.route ?? application.form.route ?? null;
}

/** The data items sought; none while the form has no list. */
export function dataItemsOf(form: ApplicationForm) {
  return form.dataItems ?? [];
}

export function hasRole(actor: ActorFacts, role: EventSender): boolean {
  return actor.roles.includes(role);
}

/** An OCDA authorising officer who is a user of this system. */
export function isOcdaUser(person: ActorFacts): boolean {
  return hasRole(person, 'ocda') && person.authorityType === 'ocda';
}
