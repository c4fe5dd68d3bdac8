import type { DisclosureRequestResponse } from '../../disclosures/public-api';
import { DATA_SUBTYPE_LABELS, IDENTIFIER_TYPE_LABELS } from '../../workflow/application-form.labels';
import type { EntitySubtype, EventsSubtype, IdentifierType } from '../../workflow/application.types';
import { CSP_STATUS_LABELS, DESIRED_STATUS_LABELS, DISCLOSURE_REQUEST_EVENT_LABELS, DISCLOSURE_REQUEST_STATE_LABELS } from '../../workflow/disclosure-request.labels';
import type { DisclosureRequestEventType, DisclosureRequestState } from '../../workflow/disclosure-request.types';
import { RETURN_CHECK_LABELS, type ReturnCheckCode } from '../../workflow/return-checks';
import { WEB_PREFIX } from '../web-paths';

/*
 * The acquisition pages' words (docs/web.md §2: codes for machines, plain English for people), every one from the
 * vocabulary's own label tables in src/workflow, so a page never words a code of its own.
 */

/** A request's state as a GOV.UK tag: what waits on the SPOC stands out. */
const STATE_TAG: Readonly<Record<DisclosureRequestState, string>> = {
  pending: 'govuk-tag--grey',
  sent: 'govuk-tag--blue',
  acknowledged: 'govuk-tag--blue',
  partiallyDisclosed: 'govuk-tag--yellow',
  disclosed: 'govuk-tag--yellow',
  nilReturn: 'govuk-tag--yellow',
  rejectedByCsp: 'govuk-tag--red',
  checked: 'govuk-tag--green',
  cancelled: 'govuk-tag--grey',
};

const isReturnCheck = (code: string): code is ReturnCheckCode => Object.prototype.hasOwnProperty.call(RETURN_CHECK_LABELS, code);

/** The data type of an item in words (the application form's own labels). */
export function subtypeWords(subtype: string): string {
  return DATA_SUBTYPE_LABELS[subtype as EntitySubtype | EventsSubtype] ?? subtype;
}

export function identifierTypeWords(type: string): string {
  return IDENTIFIER_TYPE_LABELS[type as IdentifierType] ?? type;
}

/** What a check asks of a return, in words ("Within the period asked for"). */
export function checkWords(code: string): string {
  return isReturnCheck(code) ? RETURN_CHECK_LABELS[code] : code;
}

export function eventWords(event: DisclosureRequestEventType): string {
  return DISCLOSURE_REQUEST_EVENT_LABELS[event];
}

/** A request with its two statuses side by side in words (ETSI TS 103 120 DesiredStatus and Status; docs/law.md §8). */
export function presentRequest(request: DisclosureRequestResponse, cspName: string) {
  return {
    ...request,
    cspName,
    stateLabel: DISCLOSURE_REQUEST_STATE_LABELS[request.status],
    stateTag: STATE_TAG[request.status],
    desiredLabel: request.desiredStatus ? DESIRED_STATUS_LABELS[request.desiredStatus] : 'Nothing asked yet',
    cspStatusLabel: request.cspStatus ? CSP_STATUS_LABELS[request.cspStatus] : 'Nothing reported yet',
    items: request.items.map((item) => ({
      ...item,
      subtypeLabel: subtypeWords(item.subtype),
      identifierTypeLabel: identifierTypeWords(item.identifier.type),
    })),
    href: `${WEB_PREFIX}/disclosure-requests/${request.id}`,
  };
}

export type PresentedRequest = ReturnType<typeof presentRequest>;
