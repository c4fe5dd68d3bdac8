import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ApplicationLookup, IdentifierWindows, type ApplicationForDisclosure } from '../../applications/public-api';
import { actorFacts, type Actor } from '../../auth/actor';
import { People } from '../../auth/people';
import type { Principal } from '../../auth/principal';
import { CLOCK } from '../../clock.provider';
import { GENESIS_HASH, nextHistoryEntry, rowAfterWrite, type VerifyResult } from '../../database/hash-chain';
import { deleteContentUnderDecision } from '../../database/retention-deletion';
import { type RetentionActor, RetentionSubjects } from '../../database/retention-subjects';
import { finalStates } from '../../workflow/core/machine';
import { UnitOfWork } from '../../database/unit-of-work';
import { updateVersioned } from '../../database/versioned-update';
import { DomainException, NotFoundDomainException } from '../../http/domain-exception';
import type { IfMatch } from '../../http/if-match';
import { ruleRefusal, workflowRefusal } from '../../http/workflow-refusal';
import { Outbox } from '../../outbox/outbox';
import type { Clock } from '../../workflow/clock';
import { disclosureRequestEngine } from '../../workflow/disclosure-request.engine';
import { accreditedSpocNotApplicant, spocServesAuthority, type DisclosureRequestGuardInput } from '../../workflow/disclosure-request.guards';
import { DISCLOSURE_REQUEST_MACHINE_VERSION } from '../../workflow/disclosure-request.machine';
import { DISCLOSURE_REQUEST_STATES, DISCLOSURE_REQUEST_TRANSITIONS, type DisclosureRequestEvent } from '../../workflow/disclosure-request.types';
import { plain } from '../../common/plain-json';
import { CspsService } from '../csp/csps.service';
import type { Csp } from '../csp/csp.types';
import { ReturnChecksReader } from '../returns/return-checks.reader';
import { DisclosureRequestHistory, staleRequest } from './disclosure-request-history';
import { toDisclosureRequestHistory } from './disclosure-request-history.mapper';
import { selectItems } from './disclosure-request-items';
import type { CreateDisclosureRequestDto, DisclosureRequestEventDto } from './disclosure-request.dto';
import { DisclosureRequestEntity } from './disclosure-request.entity';
import { disclosureRequestRowDigest } from './disclosure-request-row-digest';
import { toDisclosureRequestResponse, type DisclosureRequestResponse } from './disclosure-request.mapper';

/** Outbox event: a request cancelled, whose CSP must be told to stop (docs/law.md §2.5). */
export const DISCLOSURE_CANCELLED = 'disclosureRequestCancelled';

/** A request with the application and CSP it belongs to, as the exports read them. */
export interface LoadedRequest {
  row: DisclosureRequestEntity;
  application: ApplicationForDisclosure;
  csp: Csp;
}

/**
 * Disclosure requests to CSPs (docs/architecture.md §7.2; docs/law.md §8): one transaction per command, the
 * pure engine decides, a conditional UPDATE on the version, one history row per write. A request is seen by
 * whoever may see its application (the application's need-to-know), so it is never a way round it.
 */
@Injectable()
export class DisclosureRequestsService implements OnModuleInit {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly history: DisclosureRequestHistory,
    private readonly applications: ApplicationLookup,
    private readonly csps: CspsService,
    private readonly outbox: Outbox,
    private readonly people: People,
    private readonly windows: IdentifierWindows,
    private readonly returnChecks: ReturnChecksReader,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly retention: RetentionSubjects,
  ) {}

  /**
   * A new request, `pending`, for some of an authorisation's data items to one CSP. It may be made when it
   * could be sent: by an accredited SPOC serving the authority, while the application is authorised and
   * within its validity (the SEND guards); and only for what was authorised, each fault named by its item.
   * Nothing is stored when anything is refused.
   */
  create(principal: Principal, applicationId: string, dto: CreateDisclosureRequestDto): Promise<DisclosureRequestResponse> {
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const application = await this.applications.forDisclosure(tx, applicationId, principal);
      if (!application) throw new NotFoundDomainException('The application');
      const id = randomUUID();
      const pending = this.input(
        { id, status: 'pending', cspId: dto.cspId, sentAt: null, cspReference: null, allChecksReviewed: false },
        application,
        principal,
        { type: 'SEND' },
        now,
      );
      const { failure } = disclosureRequestEngine.runGuards('SEND', pending);
      if (failure) throw ruleRefusal(failure);
      const csp = await this.csps.findById(tx, dto.cspId);
      if (!csp?.active) {
        throw new DomainException('CSP_CANNOT_ANSWER', 'There is no active CSP with this id in the directory.', {
          errors: [{ field: 'cspId', message: 'no active CSP with this id', code: 'CSP_CANNOT_ANSWER' }],
        });
      }
      const { items, errors } = selectItems(application.form, plain(dto).items, csp);
      if (errors.length > 0) {
        const code = errors.some((e) => e.code === 'DISCLOSURE_NOT_AUTHORISED') ? 'DISCLOSURE_NOT_AUTHORISED' : 'CSP_CANNOT_ANSWER';
        throw new DomainException(code, `The request asks for what the authorisation or the CSP does not cover: ${errors.map((e) => e.message).join('; ')}.`, { errors });
      }
      const row: DisclosureRequestEntity = {
        id,
        authorityId: application.authorityId,
        applicationId: application.id,
        cspId: csp.id,
        status: 'pending',
        desiredStatus: null,
        cspStatus: null,
        items,
        cspReference: null,
        sentAt: null,
        cancelledAt: null,
        cspToBeTold: false,
        outcome: {},
        machineVersion: DISCLOSURE_REQUEST_MACHINE_VERSION,
        version: 1,
        historyHead: GENESIS_HASH,
        createdAt: now,
        updatedAt: now,
      };
      row.historyHead = await this.history.append(
        tx,
        {
          ...nextHistoryEntry(row, principal, now, { kind: 'created', toState: 'pending', payload: { cspId: csp.id, items }, rowDigest: disclosureRequestRowDigest(row) }),
          position: 1,
          fromState: null,
        },
        GENESIS_HASH,
      );
      await tx.insert(DisclosureRequestEntity, row);
      // The duplicate-acquisition warning's index of what is sought under the application (docs/architecture.md §6).
      await this.windows.recordRequest(tx, row);
      return this.respond(row, application, principal, now);
    });
  }

  /** The requests of an application the caller may see, oldest first. */
  listFor(principal: Principal, applicationId: string) {
    return this.uow.read(async (m) => {
      const application = await this.applications.forDisclosure(m, applicationId, principal);
      if (!application) throw new NotFoundDomainException('The application');
      const rows = await m.find(DisclosureRequestEntity, { where: { applicationId }, order: { createdAt: 'ASC', id: 'ASC' } });
      const items: DisclosureRequestResponse[] = [];
      for (const row of rows) items.push(await this.respondIn(m, row, application, principal));
      return { items };
    });
  }

  get(principal: Principal, id: string): Promise<DisclosureRequestResponse> {
    return this.uow.read(async (m) => {
      const { row, application } = await this.visibleOrNotFound(m, principal, id);
      return this.respondIn(m, row, application, principal);
    });
  }

  /** An event from a person, against `If-Match`. */
  apply(principal: Principal, id: string, ifMatch: IfMatch, dto: DisclosureRequestEventDto): Promise<DisclosureRequestResponse> {
    return this.uow.run(async (tx) => {
      const { row, application } = await this.visibleOrNotFound(tx, principal, id);
      if (!ifMatch.matches(row.version)) throw staleRequest(row.version, ifMatch);
      const updated = await this.transitionIn(tx, principal, row, application, plain<DisclosureRequestEvent>(dto));
      return this.respondIn(tx, updated, application, principal);
    });
  }

  /**
   * Applies `event` to `row` in the caller's transaction, as `actor` (a person, or the system's actor for the
   * application's end): the engine decides, one history row, the conditional UPDATE. A cancellation after
   * the request was sent puts `disclosureRequestCancelled` in the outbox, so the CSP is told.
   */
  async transitionIn(tx: EntityManager, actor: Actor, row: DisclosureRequestEntity, application: ApplicationForDisclosure, event: DisclosureRequestEvent) {
    const now = this.clock.now();
    const allChecksReviewed = event.type === 'MARK_CHECKED' ? await this.returnChecks.allReviewed(tx, row.id, row.status) : false;
    const input = this.input({ ...row, allChecksReviewed }, application, actor, event, now);
    const result = disclosureRequestEngine.apply(row.status, event, input);
    if (!result.ok) throw workflowRefusal(result);
    const { desiredStatus, cspStatus, sentAt, sentBy, cspReference, cspStatement, cspReason, checkedAt, checkedBy, cancellationReason, cancelledAt, cancelledBy, cspToBeTold } =
      result.changes;
    const outcome = {
      ...row.outcome,
      ...(sentBy ? { sentBy } : {}),
      ...(cspStatement ? { cspStatement } : {}),
      ...(cspReason ? { cspReason } : {}),
      ...(checkedAt ? { checkedAt: checkedAt.toISOString(), checkedBy } : {}),
      ...(cancellationReason ? { cancellationReason, cancelledBy } : {}),
    };
    const changed: Partial<DisclosureRequestEntity> = {
      status: result.nextState,
      desiredStatus,
      cspStatus,
      ...(sentAt ? { sentAt } : {}),
      ...(cspReference ? { cspReference } : {}),
      ...(cancelledAt ? { cancelledAt } : {}),
      ...(cspToBeTold !== undefined ? { cspToBeTold } : {}),
      outcome,
      updatedAt: now,
    };
    const head = await this.history.append(
      tx,
      nextHistoryEntry(row, actor, now, {
        kind: 'transition',
        toState: result.nextState,
        eventType: event.type,
        guardInputs: result.guardInputsUsed,
        payload: event,
        // The row as the UPDATE below leaves it (issue 21, item 1).
        rowDigest: disclosureRequestRowDigest(rowAfterWrite(row, changed)),
      }),
      row.historyHead,
    );
    const updated = await updateVersioned(tx, DisclosureRequestEntity, row, { ...changed, historyHead: head }, staleRequest);
    if (event.type === 'CANCEL' && cspToBeTold === true) {
      await this.outbox.add(tx, DISCLOSURE_CANCELLED, { requestId: row.id, applicationId: row.applicationId, cspId: row.cspId, cspReference: row.cspReference, at: now.toISOString() });
    }
    return updated;
  }

  /**
   * Deletes the request's items — the identifiers and periods it asked a CSP for, and their windows in the overlap
   * index — under a retention decision to delete it (issue 21, item 3; docs/architecture.md §11). Its CSP, its
   * reference, its states and dates stay.
   */
  deleteContentUnderDecision(actor: Actor, id: string, decisionId: string): Promise<DisclosureRequestEntity> {
    return this.uow.run(async (tx) => (await this.deleteContentIn(tx, id, decisionId, actor, this.clock.now())).row);
  }

  /** Disclosure requests as the retention feature sees them (docs/retention.md): closed once checked, rejected or cancelled. */
  onModuleInit(): void {
    this.retention.register({
      recordType: 'disclosure_request',
      what: 'The disclosure request',
      table: 'disclosure_request',
      historyTable: 'disclosure_request_event',
      aggregateColumn: 'request_id',
      finalStates: finalStates(DISCLOSURE_REQUEST_STATES, DISCLOSURE_REQUEST_TRANSITIONS),
      deleteContent: (tx, id, decisionId, actor, now) => this.deleteContentIn(tx, id, decisionId, actor, now),
    });
  }

  private async deleteContentIn(tx: EntityManager, id: string, decisionId: string, actor: RetentionActor, now: Date): Promise<{ row: DisclosureRequestEntity; deletedFields: string[] }> {
    const target = { what: 'The disclosure request', recordType: 'disclosure_request', entity: DisclosureRequestEntity, chain: this.history, stale: staleRequest } as const;
    const deleted = await deleteContentUnderDecision(tx, target, id, decisionId, actor, now, () => ({ items: [] }));
    await this.windows.forgetRequest(tx, id);
    return deleted;
  }

  /**
   * A write to the request that is not a transition — a return that arrived when no RETURN_RECEIVED could be
   * taken, a check reviewed — as one history row and a version bump, so its history shows every act on it.
   */
  async noteIn(tx: EntityManager, actor: Actor, row: DisclosureRequestEntity, payload: Record<string, unknown>): Promise<DisclosureRequestEntity> {
    const now = this.clock.now();
    // The row as the UPDATE below leaves it (issue 21, item 1): only its version and time move.
    const rowDigest = disclosureRequestRowDigest(rowAfterWrite(row, { updatedAt: now }));
    const head = await this.history.append(tx, nextHistoryEntry(row, actor, now, { kind: 'edited', toState: row.status, payload, rowDigest }), row.historyHead);
    return updateVersioned(tx, DisclosureRequestEntity, row, { historyHead: head, updatedAt: now }, staleRequest);
  }

  /** The request as the caller sees it, with the events it may send now (MARK_CHECKED once every check is reviewed). */
  async respondIn(m: EntityManager, row: DisclosureRequestEntity, application: ApplicationForDisclosure, principal: Principal): Promise<DisclosureRequestResponse> {
    // Only MARK_CHECKED reads it: in any other state there is nothing to count.
    const markable = disclosureRequestEngine.definedEvents(row.status).includes('MARK_CHECKED');
    const allChecksReviewed = markable && (await this.returnChecks.allReviewed(m, row.id, row.status));
    return this.respond({ ...row, allChecksReviewed }, application, principal, this.clock.now());
  }

  historyOf(principal: Principal, id: string) {
    return this.uow.read(async (m) => {
      await this.visibleOrNotFound(m, principal, id);
      const rows = await this.history.list(m, id);
      return toDisclosureRequestHistory(rows, await this.people.displayNames(m, rows.map((row) => row.actorId)));
    });
  }

  verify(principal: Principal, id: string): Promise<VerifyResult> {
    return this.uow.read(async (m) => {
      const { row } = await this.visibleOrNotFound(m, principal, id);
      return this.history.verifyAggregate(m, row);
    });
  }

  /** The request, its application and its CSP, for the standard export and the copy pack. */
  load(principal: Principal, id: string): Promise<LoadedRequest> {
    return this.uow.read(async (m) => {
      const { row, application } = await this.visibleOrNotFound(m, principal, id);
      const csp = await this.csps.findById(m, row.cspId);
      if (!csp) throw new NotFoundDomainException('The CSP of the request');
      return { row, application, csp };
    });
  }

  /**
   * Refuses anyone but an accredited SPOC serving the request's authority, with the SPOC guards' own codes:
   * the one who deals with what the operator sends (docs/law.md §1), for acts that are not events of the
   * request (a return uploaded, a check reviewed).
   */
  refuseUnlessSpoc(actor: Actor, row: DisclosureRequestEntity, application: ApplicationForDisclosure): void {
    const input = this.input(row, application, actor, { type: 'RETURN_RECEIVED' }, this.clock.now());
    const failure = accreditedSpocNotApplicant(input) ?? spocServesAuthority(input);
    if (failure) throw ruleRefusal(failure);
  }

  /** The request and its application, if the caller may see the application; else 404. */
  async visibleOrNotFound(m: EntityManager, principal: Principal, id: string) {
    const row = await m.findOneBy(DisclosureRequestEntity, { id });
    const application = row ? await this.applications.forDisclosure(m, row.applicationId, principal) : null;
    if (!row || !application) throw new NotFoundDomainException('The disclosure request');
    return { row, application };
  }

  private input(
    request: Pick<DisclosureRequestEntity, 'id' | 'status' | 'cspId' | 'sentAt' | 'cspReference'> & { allChecksReviewed?: boolean },
    application: ApplicationForDisclosure,
    actor: Actor,
    event: DisclosureRequestEvent,
    now: Date,
  ): DisclosureRequestGuardInput {
    return {
      request: {
        id: request.id,
        authorityId: application.authorityId,
        authorityType: application.authorityType,
        applicationId: application.id,
        status: request.status,
        cspId: request.cspId,
        sentAt: request.sentAt,
        cspReference: request.cspReference,
        // Read from the returns' checks by the caller (ReturnChecksReader) where an event may need it.
        allChecksReviewed: request.allChecksReviewed ?? false,
      },
      application: { applicantId: application.applicantId, status: application.status, validFrom: application.validFrom, expiresAt: application.expiresAt },
      actor: actorFacts(actor),
      event,
      now,
    };
  }

  private respond(row: DisclosureRequestEntity & { allChecksReviewed?: boolean }, application: ApplicationForDisclosure, principal: Principal, now: Date): DisclosureRequestResponse {
    const { request, application: facts, actor } = this.input(row, application, principal, { type: 'SEND' }, now);
    return toDisclosureRequestResponse(row, disclosureRequestEngine.eventsFor(row.status, { request, application: facts, actor, now }));
  }

}

