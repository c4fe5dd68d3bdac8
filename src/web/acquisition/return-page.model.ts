import { Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/principal';
import { DisclosureRequestsService, DisclosureReturnsService, type ReturnCheckResponse } from '../../disclosures/public-api';
import { CD_ERROR_STATE_LABELS } from '../../workflow/cd-error.labels';
import type { CdErrorState } from '../../workflow/cd-error.types';
import { FormCommands } from '../form-commands';
import { WEB_PREFIX } from '../web-paths';
import { AcquisitionReads, type RaisedError } from './acquisition-reads';
import { checkWords, presentRequest, subtypeWords } from './acquisition-words';

/** Rows shown a page at a time (the API's default page of acquired records). */
export const ROWS_PER_PAGE = 100;

/** A refused review shown again: which check's form, its key and what was chosen and typed. */
export interface PostedReview {
  checkId: string;
  idempotencyKey: string;
  values: { decision: string; reason: string };
}

type Row = Awaited<ReturnType<DisclosureReturnsService['records']>>['items'][number];

/** A row as the page shows it: when, who, and the result of its checks in words. */
function presentRow(row: Row) {
  return {
    ...row,
    passed: row.flags.length === 0,
    result: row.flags.length === 0 ? 'Passed' : `Failed: ${row.flags.map(checkWords).join('; ')}`,
    party: [row.identifier, row.otherParty ? `with ${row.otherParty}` : null].filter(Boolean).join(' '),
    detail: [row.name, row.address, row.eventType, row.direction].filter(Boolean).join(', '),
  };
}

/** A failed check with the register entry it raised (none yet while the outbox has not relayed it) and its review form. */
function presentCheck(check: ReturnCheckResponse, raised: RaisedError | undefined, key: string, posted: PostedReview | undefined) {
  return {
    ...check,
    label: checkWords(check.code),
    error: raised ? { href: `${WEB_PREFIX}/errors/${raised.id}`, statusLabel: CD_ERROR_STATE_LABELS[raised.status as CdErrorState] ?? raised.status } : null,
    reviewLabel: check.review ? (check.review.decision === 'accepted' ? 'Accepted: not an error' : 'Confirmed as an error') : null,
    idempotencyKey: posted?.checkId === check.id ? posted.idempotencyKey : key,
    values: posted?.checkId === check.id ? posted.values : { decision: '', reason: '' },
  };
}

/**
 * The model of a return's page: the return and its request, its failed checks with their suspected errors and
 * reviews, and a page of its rows with each row's result (never a quarantined return's rows: docs/returns.md
 * "Quarantine"). Built for the page and for a refused review shown again on it.
 */
@Injectable()
export class ReturnPageModel {
  constructor(
    private readonly requests: DisclosureRequestsService,
    private readonly returns: DisclosureReturnsService,
    private readonly reads: AcquisitionReads,
    private readonly commands: FormCommands,
  ) {}

  async build(principal: Principal, requestId: string, returnId: string, offset: number, posted?: PostedReview) {
    const ret = await this.returns.get(principal, requestId, returnId);
    const [request, { application, csp }] = await Promise.all([this.requests.get(principal, requestId), this.requests.load(principal, requestId)]);
    const raised = await this.reads.raisedErrors(principal, ret.checks.map((c) => c.suspectedErrorEventId));
    const page = ret.quarantined ? null : await this.returns.records(principal, requestId, returnId, offset, ROWS_PER_PAGE);
    const item = request.items.find((i) => i.dataItemRef === ret.dataItemRef);
    const base = `${WEB_PREFIX}/disclosure-requests/${requestId}/returns/${returnId}`;
    return {
      ret,
      itemLabel: item ? `${item.dataItemRef}: ${subtypeWords(item.subtype)} for ${item.identifier.normalisedValue}` : ret.dataItemRef,
      request: presentRequest(request, csp.name),
      application: { id: application.id, urn: application.urn },
      checks: ret.checks.map((check) => presentCheck(check, raised.get(check.suspectedErrorEventId), this.commands.newKey(), posted)),
      rows: page?.items.map(presentRow) ?? [],
      total: page?.total ?? 0,
      from: offset + 1,
      to: offset + (page?.items.length ?? 0),
      previous: offset > 0 ? `${base}?offset=${Math.max(0, offset - ROWS_PER_PAGE)}` : null,
      next: page && offset + page.items.length < page.total ? `${base}?offset=${offset + ROWS_PER_PAGE}` : null,
      errors: {},
      backLink: `${WEB_PREFIX}/disclosure-requests/${requestId}`,
    };
  }
}
