import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { PrincipalRepository } from '../auth/principal.repository';
import { CLOCK } from '../clock.provider';
import { APP_CONFIG, type AppConfig } from '../config';
import { UnitOfWork } from '../database/unit-of-work';
import { DomainException } from '../http/domain-exception';
import { Outbox } from '../outbox/outbox';
import { DEFAULT_WORKFLOW_POLICY, grantInstant, grantValidity, type ActorFacts, type GuardInput } from '../workflow/application.guards';
import { allowedEventsFor, applyApplicationEvent, type GuardInputsUsed } from '../workflow/application.engine';
import type { ApplicationEvent, ApplicationState } from '../workflow/application.types';
import type { Clock } from '../workflow/clock';
import { addWorkingDays } from '../workflow/working-days';
import type { ApplicationEventDto } from './application-event.dto';
import { actorFacts, applicationFacts, type Actor } from './application-facts';
import { plain } from './application-form';
import { ApplicationHistory, stale } from './application-history';
import { ApplicationEntity } from './application.entity';
import { toApplicationResponse, type ApplicationResponse } from './application.mapper';
import { ApplicationsRepository } from './applications.repository';
import { ApplicationsService } from './applications.service';

/** Events whose decider may be someone other than the sender (docs/architecture.md §7.1 footnotes ¹ ²). */
const DECISIONS = new Set(['GRANT', 'REFUSE', 'REQUEST_MORE_INFO']);
/** The first of these by a SPOC makes them the reviewing SPOC. */
const SPOC_REVIEW_EVENTS = new Set(['RETURN_TO_APPLICANT', 'DECLINE', 'SUBMIT_FOR_AUTHORISATION']);

/**
 * `POST /applications/:id/events` (docs/architecture.md §4): need-to-know, one transaction, the pure engine decides,
 * a conditional UPDATE on the version, exactly one history row, outbox effects, all or nothing.
 */
@Injectable()
export class ApplicationEventsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly applications: ApplicationsService,
    private readonly repo: ApplicationsRepository,
    private readonly principals: PrincipalRepository,
    private readonly history: ApplicationHistory,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  apply(principal: Principal, id: string, ifMatch: number, dto: ApplicationEventDto): Promise<ApplicationResponse> {
    return this.uow.run(async (tx) => {
      const row = await this.applications.visibleOrNotFound(tx, principal, id);
      if (row.version !== ifMatch) throw stale(ifMatch);
      const { updated, team } = await this.transitionIn(tx, principal, row, plain<ApplicationEvent>(dto));
      return toApplicationResponse(updated, team, allowedEventsFor(updated.status, principal.roles));
    });
  }

  /**
   * The transition itself, inside the caller's transaction, on a row the caller has loaded (through
   * need-to-know for people; by due date for the scheduler). Throws a DomainException when refused.
   */
  async transitionIn(
    tx: EntityManager,
    actor: Actor,
    row: ApplicationEntity,
    event: ApplicationEvent,
  ): Promise<{ updated: ApplicationEntity; team: string[] }> {
    const id = row.id;
    const now = this.clock.now();
    const team = await this.repo.teamMemberIds(tx, id);
    const authority = await this.repo.authority(tx, row.authorityId);
    const deciderId = event.decision?.deciderId;
    let decider: ActorFacts | null = null;
    if (DECISIONS.has(event.type) && deciderId) {
      const found = await this.principals.findActive(tx, { id: deciderId });
      decider = found ? actorFacts(found.principal) : null;
    }
    const original = row.renewalOf ? await tx.findOneBy(ApplicationEntity, { id: row.renewalOf }) : null;
    const facts = applicationFacts(row, authority.type, team, original);
    const input: GuardInput = { application: facts, actor: actorFacts(actor), decider, event, policy: DEFAULT_WORKFLOW_POLICY, now };
    const result = applyApplicationEvent(row.status, event, input);
    if (!result.ok) {
      switch (result.kind) {
        case 'invalidTransition':
          throw new DomainException(
            'WORKFLOW_INVALID_TRANSITION',
            `${result.eventType} is not allowed while the application is ${result.state}.`,
            { allowedEvents: result.allowedEvents },
          );
        case 'forbiddenRole':
          throw new DomainException(
            'FORBIDDEN_ROLE',
            `${result.eventType} may be sent only by: ${result.allowedRoles.join(', ')}.`,
          );
        case 'ruleFailed':
          throw new DomainException(result.failure.code, result.failure.detail ?? result.failure.code, {
            ...(result.failure.fields ? { fields: result.failure.fields } : {}),
          });
      }
    }
    const changes = this.effects(row, input, actor, result.nextState, result.guardInputsUsed);
    const head = await this.history.append(
      tx,
      {
        aggregateId: id,
        position: row.version + 1,
        kind: 'transition',
        fromState: row.status,
        toState: result.nextState,
        eventType: event.type,
        actorId: actor.id,
        deciderId: result.guardInputsUsed.resolvedDecider?.id ?? null,
        actorRoles: [...actor.roles],
        at: now,
        machineVersion: row.machineVersion,
        guardInputs: result.guardInputsUsed,
        payload: event,
      },
      row.historyHead,
    );
    const updated = await this.applications.saveVersioned(tx, row, { ...changes, historyHead: head, updatedAt: now });
    await this.outbox.add(tx, 'applicationTransitioned', {
      applicationId: id,
      urn: row.urn,
      from: row.status,
      to: result.nextState,
      event: event.type,
      actorId: actor.id,
      at: now.toISOString(),
    });
    return { updated, team };
  }

  /** What the transition writes on the record besides its status. */
  private effects(
    row: ApplicationEntity,
    input: GuardInput,
    actor: Actor,
    next: ApplicationState,
    used: GuardInputsUsed,
  ): Partial<ApplicationEntity> {
    const { event, now } = input;
    const changes: Partial<ApplicationEntity> = { status: next };
    // The SPOC who submits for authorisation is the reviewing SPOC the decider must be independent of,
    // even if another SPOC handled the application earlier.
    if (event.type === 'SUBMIT_FOR_AUTHORISATION' || (SPOC_REVIEW_EVENTS.has(event.type) && row.spocId === null)) {
      changes.spocId = actor.id;
    }
    if (next === 'awaitingAuthorisation' && row.submittedForAuthorisationAt === null) {
      changes.submittedForAuthorisationAt = now;
    }
    if (event.type === 'SUBMIT_FOR_AUTHORISATION') {
      changes.spocSection = { ...event.spoc, accreditationId: actor.spocPin, spocName: actor.displayName };
    }
    const grantedAt = event.type === 'GRANT' ? grantInstant(input) : null;
    const validity = grantedAt ? grantValidity(input.application, grantedAt) : null;
    if (grantedAt && validity) {
      // The record shows when the grant was made, as the guards established it, not a time a direct decider typed.
      const decision = { ...event.decision, decidedAt: grantedAt.toISOString() };
      const oral = decision.oral === true;
      Object.assign(changes, {
        decision,
        grantedById: used.resolvedDecider?.id ?? null,
        oralGrant: oral,
        // An oral urgent grant's written record falls due at the end of the configured working day after
        // the grant (default 1: the RIPA analogue, CoP15 3.69 — inferred for IPA, docs/law.md §7.2 item 3).
        writtenRecordDueAt: oral ? addWorkingDays(grantedAt, this.config.writtenRecordWorkingDays) : null,
        ...validity,
      });
    }
    if (next === 'awaitingJudicialApproval' && row.judicialApprovalRequestedAt === null) {
      changes.judicialApprovalRequestedAt = now;
    }
    if (event.type === 'RECORD_WRITTEN') changes.writtenRecordDueAt = null;
    return changes;
  }
}
