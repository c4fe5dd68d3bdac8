import { Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/principal';
import { DisclosureRequestsService, DisclosureReturnsService, returnExpected, type DisclosureRequestResponse, type ReturnResponse } from '../../disclosures/public-api';
import type { DisclosureRequestEventType } from '../../workflow/disclosure-request.types';
import { FormCommands } from '../form-commands';
import { WEB_PREFIX } from '../web-paths';
import { checkWords, eventWords, presentRequest, subtypeWords } from './acquisition-words';

/**
 * The events a SPOC sends from the request's page, each its own form, in the order the work goes, with the one
 * field its payload needs (the API's DisclosureRequestEventDto names it). RETURN_RECEIVED is not one: an upload
 * sends it (docs/returns.md).
 */
export const PAGE_EVENTS = {
  SEND: { field: null, label: null, button: 'Record that you sent it to the operator', summary: null },
  CSP_ACKNOWLEDGED: { field: 'cspReference', label: 'The operator’s reference for the request', button: 'Record the acknowledgement', summary: 'Record the operator’s acknowledgement' },
  NIL_RETURN: { field: 'cspStatement', label: 'What the operator said', button: 'Record the nil return', summary: 'Record a nil return: the operator holds no such data' },
  CSP_REJECTED: { field: 'cspReason', label: 'The operator’s reason', button: 'Record the rejection', summary: 'Record the operator’s rejection' },
  MARK_CHECKED: { field: null, label: null, button: 'Mark the request as checked', summary: null },
  CANCEL: { field: 'reason', label: 'Why you are cancelling it', button: 'Cancel the request', summary: 'Cancel the request' },
} as const satisfies Partial<Record<DisclosureRequestEventType, { field: string | null; label: string | null; button: string; summary: string | null }>>;
export type PageEvent = keyof typeof PAGE_EVENTS;
export const isPageEvent = (value: unknown): value is PageEvent => typeof value === 'string' && Object.prototype.hasOwnProperty.call(PAGE_EVENTS, value);

/** What a refused form of the page posted: which form, its key and version, and what was typed. */
export interface PostedForm {
  form: PageEvent | 'upload';
  idempotencyKey: string;
  version?: string;
  values: Record<string, string>;
}

/** A return as its request's page lists it: what it is, and the result of its checks in words. */
function presentReturn(requestId: string, ret: ReturnResponse) {
  const unreviewed = ret.checks.filter((c) => c.review === null).length;
  const result = ret.quarantined
    ? 'Quarantined: it may hold content'
    : ret.checks.length === 0
      ? ret.nil
        ? 'Nil return: no records; every check passed'
        : 'Every check passed'
      : `${ret.checks.length} check${ret.checks.length === 1 ? '' : 's'} failed: ${ret.checks.map((c) => checkWords(c.code)).join('; ')}`;
  return {
    ...ret,
    result,
    toReview: unreviewed,
    href: `${WEB_PREFIX}/disclosure-requests/${requestId}/returns/${ret.id}`,
  };
}

/**
 * The model of a disclosure request's page (issue 20, item 1): the request with both statuses, its items, the
 * downloads, its returns with the result of their checks, the upload form and a form for each event the SPOC may
 * send now — or why a rule stops it (the record's blocked events, the engine's words). Built for the page itself
 * and for a refused form shown again on it.
 */
@Injectable()
export class RequestPageModel {
  constructor(
    private readonly requests: DisclosureRequestsService,
    private readonly returns: DisclosureReturnsService,
    private readonly commands: FormCommands,
  ) {}

  async build(principal: Principal, id: string, posted?: PostedForm) {
    const request = await this.requests.get(principal, id);
    const [{ application, csp }, { items: returns }] = await Promise.all([this.requests.load(principal, id), this.returns.list(principal, id)]);
    return this.model(request, application, csp, returns, posted);
  }

  private model(
    request: DisclosureRequestResponse,
    application: { id: string; urn: string },
    csp: { name: string; etsiEndpointId: string | null },
    returns: ReturnResponse[],
    posted?: PostedForm,
  ) {
    const key = (form: PageEvent | 'upload') => (posted?.form === form ? posted.idempotencyKey : this.commands.newKey());
    const version = posted?.version ?? String(request.version);
    const events = (Object.keys(PAGE_EVENTS) as PageEvent[])
      .filter((event) => request.allowedEvents.includes(event))
      .map((event) => ({ event, ...PAGE_EVENTS[event], idempotencyKey: key(event), open: posted?.form === event }));
    const blocked = request.blockedEvents
      .filter((b) => isPageEvent(b.event))
      .map((b) => ({ ...b, eventLabel: eventWords(b.event) }));
    return {
      request: presentRequest(request, csp.name),
      application: { id: application.id, urn: application.urn },
      csp: { name: csp.name, hi1: csp.etsiEndpointId !== null },
      version,
      events,
      blocked,
      returns: returns.map((ret) => presentReturn(request.id, ret)),
      upload: {
        // The service's own rule for when a return can arrive.
        shown: returnExpected(request.status),
        idempotencyKey: key('upload'),
        itemOptions: request.items.length > 1 ? request.items.map((i) => ({ value: i.dataItemRef, text: `${i.dataItemRef}: ${subtypeWords(i.subtype)}` })) : [],
      },
      values: posted?.values ?? {},
      errors: {},
      downloads: {
        hi1: `${WEB_PREFIX}/disclosure-requests/${request.id}/hi1`,
        copyPack: `${WEB_PREFIX}/disclosure-requests/${request.id}/copy-pack`,
      },
      backLink: `${WEB_PREFIX}/applications/${application.id}/acquisition`,
    };
  }
}
