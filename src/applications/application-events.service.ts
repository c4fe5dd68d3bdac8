import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { PrincipalRepository } from '../auth/principal.repository';
import { CLOCK } from '../clock.provider';
import { APP_CONFIG, type AppConfig } from '../config';
import { UnitOfWork } from '../database/unit-of-work';
import { DomainException } from '../http/domain-exception';
import { workflowRefusal } from '../http/workflow-refusal';
import { Outbox } from '../outbox/outbox';
import { DEFAULT_WORKFLOW_POLICY, type ActorFacts, type GuardInput } from '../workflow/application.guards';
import { applicationEngine } from '../workflow/application.engine';
import type { ApplicationEvent } from '../workflow/application.types';
import type { Clock } from '../workflow/clock';
import type { ApplicationEventDto } from './application-event.dto';
import { actorFacts, type Actor } from '../auth/actor';
import { plain } from '../common/plain-json';
import type { IfMatch } from '../http/if-match';
import { ApplicationHistory, SPOC_REASON_EVENTS, stale } from './application-history';
import type { ApplicationEntity } from './application.entity';
import { applicationRowDigest } from './application-row-digest';
import { rowAfterWrite } from '../database/hash-chain';
import type { ApplicationResponse } from './application.mapper';
import { ApplicationsRepository } from './applications.repository';
import { ApplicationsService, type ApplicationSurroundings } from './applications.service';

/** Events whose decider may be someone other than the sender (docs/architecture.md §7.1 footnotes ¹ ²). */
const DECISIONS = new Set(['GRANT', 'REFUSE', 'REQUEST_MORE_INFO']);

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

  apply(principal: Principal, id: string, ifMatch: IfMatch, dto: ApplicationEventDto): Promise<ApplicationResponse> {
    // A category of reason sent with another event would be dropped unseen: say so instead (docs/statistics.md §2).
    if (dto.reasonCode != null && !SPOC_REASON_EVENTS.has(dto.type)) {
      const message = `reasonCode is given only with RETURN_TO_APPLICANT or DECLINE, not ${dto.type}.`;
      throw new DomainException('VALIDATION_FAILED', message, { errors: [{ field: 'reasonCode', message, code: 'reasonCodeEvent' }] });
    }
    return this.uow.run(async (tx) => {
      const row = await this.applications.visibleOrNotFound(tx, principal, id);
      if (!ifMatch.matches(row.version)) throw stale(row.version, ifMatch);
      const { updated, team, surroundings } = await this.transitionIn(tx, principal, row, plain<ApplicationEvent>(dto));
      return this.applications.respond(tx, principal, updated, team, surroundings);
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
  ): Promise<{ updated: ApplicationEntity; team: string[]; surroundings: ApplicationSurroundings }> {
    const id = row.id;
    const now = this.clock.now();
    const team = await this.repo.teamMemberIds(tx, id);
    const deciderId = event.decision?.deciderId;
    let decider: ActorFacts | null = null;
    if (DECISIONS.has(event.type) && deciderId) {
      const found = await this.principals.findActive(tx, { id: deciderId });
      decider = found ? actorFacts(found.principal) : null;
    }
    const surroundings = await this.applications.surroundings(tx, actor, row);
    const facts = this.applications.guardFacts(row, team, surroundings);
    const input: GuardInput = { application: facts, actor: actorFacts(actor), decider, event, policy: DEFAULT_WORKFLOW_POLICY, now };
    const result = applicationEngine.apply(row.status, event, input, {
      writtenRecordWorkingDays: this.config.writtenRecordWorkingDays,
    });
    if (!result.ok) throw workflowRefusal(result);
    const changed: Partial<ApplicationEntity> = { ...result.changes, status: result.nextState, updatedAt: now };
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
        // The row as the UPDATE below leaves it (issue 21, item 1).
        rowDigest: applicationRowDigest(rowAfterWrite(row, changed)),
      },
      row.historyHead,
    );
    const updated = await this.applications.saveVersioned(tx, row, { ...changed, historyHead: head });
    await this.outbox.add(tx, 'applicationTransitioned', {
      applicationId: id,
      urn: row.urn,
      from: row.status,
      to: result.nextState,
      event: event.type,
      actorId: actor.id,
      at: now.toISOString(),
    });
    return { updated, team, surroundings };
  }
}
