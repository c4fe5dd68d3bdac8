import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { plain } from '../common/plain-json';
import { actorFacts, type Actor } from '../auth/actor';
import { People } from '../auth/people';
import type { Principal } from '../auth/principal';
import { CLOCK } from '../clock.provider';
import { APP_CONFIG, type AppConfig } from '../config';
import { GENESIS_HASH, nextHistoryEntry, rowAfterWrite, type VerifyResult } from '../database/hash-chain';
import { deleteContentUnderDecision } from '../database/retention-deletion';
import { type RetentionActor, RetentionSubjects } from '../database/retention-subjects';
import { finalStates } from '../workflow/core/machine';
import { UnitOfWork } from '../database/unit-of-work';
import { DomainException } from '../http/domain-exception';
import type { IfMatch } from '../http/if-match';
import { ruleRefusal, workflowRefusal } from '../http/workflow-refusal';
import { Outbox } from '../outbox/outbox';
import type { Clock } from '../workflow/clock';
import { cdErrorEngine } from '../workflow/cd-error.engine';
import { isOverdue, recordReportComplete, reportDueAt } from '../workflow/cd-error.guards';
import { CD_ERROR_MACHINE_VERSION } from '../workflow/cd-error.machine';
import { CD_ERROR_STATES, CD_ERROR_TRANSITIONS, type CdErrorEvent, type CdErrorReport, type CdErrorState } from '../workflow/cd-error.types';
import { cdErrorFacts, indexedColumns } from './cd-error-facts';
import { CdErrorHistory, staleError } from './cd-error-history';
import { toCdErrorHistory } from './cd-error-history.mapper';
import type { CdErrorLinkEntity } from './cd-error-link.entity';
import { CdErrorLinks, type CdErrorLinkIds } from './cd-error-links';
import { CdErrorEntity } from './cd-error.entity';
import { cdErrorRowDigest } from './cd-error-row-digest';
import type { CdErrorEventDto, CreateCdErrorDto, ListCdErrorsQuery, PatchCdErrorDto } from './cd-error.dto';
import { toCdErrorResponse, type CdErrorResponse } from './cd-error.mapper';
import { CdErrorsRepository } from './cd-errors.repository';

/** While the report can still be edited (issue 6, item 1); the register's pages offer the edit by the same list. */
export const EDITABLE: readonly CdErrorState[] = ['recorded', 'assessed'];

/**
 * The authority's CD error register (docs/law.md §4; docs/architecture.md §7.3): one transaction per command, the pure
 * engine decides, a conditional UPDATE on the version, exactly one history row per write. Need-to-know:
 * the authority's SPOCs and SRO only (the route policy), and only their authority's entries (the query).
 */
@Injectable()
export class CdErrorsService implements OnModuleInit {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: CdErrorsRepository,
    private readonly links: CdErrorLinks,
    private readonly history: CdErrorHistory,
    private readonly outbox: Outbox,
    private readonly people: People,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly retention: RetentionSubjects,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A new entry at `recorded`: the fields that make a record are required (docs/law.md §4.3). */
  create(principal: Principal, dto: CreateCdErrorDto): Promise<CdErrorResponse> {
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const report = plain(dto.report) as Partial<CdErrorReport>;
      const failure = recordReportComplete({
        error: { id: '', authorityId: principal.authorityId, status: 'suspected', kind: null, report: {}, reportDueAt: null, agreedDueAt: null, ipc: {} },
        actor: actorFacts(principal),
        event: { type: 'RECORD', report },
        now,
      });
      if (failure) throw ruleRefusal(failure);
      const row = await this.insertEntry(tx, principal, 'recorded', report, dto, null, now);
      return this.respond(tx, row, principal, now);
    });
  }

  /**
   * A `suspected` entry raised by another part of the system (a failed return check, an overdue written
   * record), once per source event: the unique (source type, event id) index refuses a second.
   */
  async createSuspected(
    tx: EntityManager,
    actor: Actor,
    authorityId: string,
    source: { type: string; eventId: string },
    report: Partial<CdErrorReport>,
    links: CdErrorLinkIds,
  ): Promise<CdErrorEntity | null> {
    const existing = await this.repo.findBySource(tx, source);
    if (existing) return null;
    return this.insertEntry(tx, { ...actor, authorityId }, 'suspected', report, links, source, this.clock.now());
  }

  list(principal: Principal, q: ListCdErrorsQuery) {
    return this.uow.read(async (m) => {
      const now = this.clock.now();
      const { rows, total } = await this.repo.list(m, principal.authorityId, q, now);
      const links = await this.links.of(m, rows.map((r) => r.id));
      return {
        items: rows.map((row) => this.toResponse(row, links.get(row.id) ?? [], principal, now)),
        page: q.page,
        pageSize: q.pageSize,
        total,
      };
    });
  }

  get(principal: Principal, id: string): Promise<CdErrorResponse> {
    return this.uow.read(async (m) => this.respond(m, await this.visibleOrNotFound(m, principal, id), principal, this.clock.now()));
  }

  patch(principal: Principal, id: string, ifMatch: IfMatch, dto: PatchCdErrorDto): Promise<CdErrorResponse> {
    return this.uow.run(async (tx) => {
      const row = await this.visibleOrNotFound(tx, principal, id);
      if (!ifMatch.matches(row.version)) throw staleError(row.version, ifMatch);
      const state = row.status as CdErrorState;
      if (!EDITABLE.includes(state)) {
        throw new DomainException('WORKFLOW_INVALID_TRANSITION', `The entry can be edited only while ${EDITABLE.join(' or ')}; it is ${state}.`, {
          ...cdErrorEngine.eventsFor(state, { error: cdErrorFacts(row), actor: actorFacts(principal), now: this.clock.now() }),
        });
      }
      const now = this.clock.now();
      const changes = plain(dto.report ?? {}) as Partial<CdErrorReport>;
      const report = { ...row.report, ...changes };
      // An edit keeps what made the record (docs/law.md §4.3): no blanked required field, no future instant.
      const failure = recordReportComplete({ error: cdErrorFacts(row), actor: actorFacts(principal), event: { type: 'RECORD', report }, now });
      if (failure) throw ruleRefusal(failure);
      if (dto.applicationIds !== undefined || dto.disclosureRequestIds !== undefined) await this.links.replace(tx, row, dto);
      // A corrected establishment time moves the clock it starts (IPCO-18 17.4): the due date follows it.
      const due =
        row.kind === 'relevantError' && report.establishedAt && report.establishedAt !== row.report.establishedAt
          ? { reportDueAt: reportDueAt(new Date(report.establishedAt), this.config.errorReportWorkingDays) }
          : {};
      const changed: Partial<CdErrorEntity> = { report, ...indexedColumns(report), ...due, updatedAt: now };
      const head = await this.history.append(
        tx,
        nextHistoryEntry(row, principal, now, {
          kind: 'edited',
          toState: state,
          payload: { changes, links: plain(dto) },
          // The row as the UPDATE below leaves it (issue 21, item 1).
          rowDigest: cdErrorRowDigest(rowAfterWrite(row, changed)),
        }),
        row.historyHead,
      );
      const updated = await this.saveVersioned(tx, row, { ...changed, historyHead: head });
      return this.respond(tx, updated, principal, now);
    });
  }

  /**
   * Deletes the entry's report — what happened, to whom, and why — under a retention decision to delete it
   * (issue 21, item 3; docs/architecture.md §11). Its kind, cause, dates and the IPC's exchange stay for the
   * register's figures.
   */
  deleteContentUnderDecision(actor: Actor, id: string, decisionId: string): Promise<CdErrorEntity> {
    return this.uow.run(async (tx) => (await this.deleteContentIn(tx, id, decisionId, actor, this.clock.now())).row);
  }

  /** Register entries as the retention feature sees them (docs/retention.md): closed once dismissed or closed. */
  onModuleInit(): void {
    this.retention.register({
      recordType: 'cd_error',
      what: 'The error entry',
      table: 'cd_error',
      historyTable: 'cd_error_event',
      aggregateColumn: 'error_id',
      finalStates: finalStates(CD_ERROR_STATES, CD_ERROR_TRANSITIONS),
      deleteContent: (tx, id, decisionId, actor, now) => this.deleteContentIn(tx, id, decisionId, actor, now),
    });
  }

  private deleteContentIn(tx: EntityManager, id: string, decisionId: string, actor: RetentionActor, now: Date): Promise<{ row: CdErrorEntity; deletedFields: string[] }> {
    const target = { what: 'The error entry', recordType: 'cd_error', entity: CdErrorEntity, chain: this.history, stale: staleError } as const;
    return deleteContentUnderDecision(tx, target, id, decisionId, actor, now, () => ({ report: {} }));
  }

  apply(principal: Principal, id: string, ifMatch: IfMatch, dto: CdErrorEventDto): Promise<CdErrorResponse> {
    return this.uow.run(async (tx) => {
      const row = await this.visibleOrNotFound(tx, principal, id);
      if (!ifMatch.matches(row.version)) throw staleError(row.version, ifMatch);
      const now = this.clock.now();
      const event = plain<CdErrorEvent>(dto);
      const result = cdErrorEngine.apply(
        row.status as CdErrorState,
        event,
        { error: cdErrorFacts(row), actor: actorFacts(principal), event, now },
        { reportWorkingDays: this.config.errorReportWorkingDays },
      );
      if (!result.ok) throw workflowRefusal(result);
      const { report, kind, reportDueAt, agreedDueAt, ipc } = result.changes;
      const changed: Partial<CdErrorEntity> = {
        status: result.nextState,
        ...(report ? { report, ...indexedColumns(report) } : {}),
        ...(kind ? { kind } : {}),
        ...(reportDueAt !== undefined ? { reportDueAt } : {}),
        ...(agreedDueAt ? { agreedDueAt } : {}),
        ...(ipc ? { ipc } : {}),
        ...(event.type === 'REPORT_TO_IPC' ? { reportedAt: now } : {}),
        updatedAt: now,
      };
      const head = await this.history.append(
        tx,
        nextHistoryEntry(row, principal, now, {
          kind: 'transition',
          toState: result.nextState,
          eventType: event.type,
          guardInputs: result.guardInputsUsed,
          payload: event,
          // The row as the UPDATE below leaves it (issue 21, item 1).
          rowDigest: cdErrorRowDigest(rowAfterWrite(row, changed)),
        }),
        row.historyHead,
      );
      const updated = await this.saveVersioned(tx, row, { ...changed, historyHead: head });
      await this.outbox.add(tx, 'cdErrorTransitioned', {
        errorId: id,
        authorityId: row.authorityId,
        from: row.status,
        to: result.nextState,
        event: event.type,
        at: now.toISOString(),
      });
      return this.respond(tx, updated, principal, now);
    });
  }

  historyOf(principal: Principal, id: string) {
    return this.uow.read(async (m) => {
      await this.visibleOrNotFound(m, principal, id);
      const rows = await this.history.list(m, id);
      return toCdErrorHistory(rows, await this.people.displayNames(m, rows.map((row) => row.actorId)));
    });
  }

  verify(principal: Principal, id: string): Promise<VerifyResult> {
    return this.uow.read(async (m) => {
      return this.history.verifyAggregate(m, await this.visibleOrNotFound(m, principal, id));
    });
  }

  private async insertEntry(
    tx: EntityManager,
    actor: Actor,
    status: CdErrorState,
    report: Partial<CdErrorReport>,
    links: CdErrorLinkIds,
    source: { type: string; eventId: string } | null,
    now: Date,
  ): Promise<CdErrorEntity> {
    const row: CdErrorEntity = {
      id: randomUUID(),
      authorityId: actor.authorityId,
      status,
      kind: null,
      ...indexedColumns(report),
      report,
      reportDueAt: null,
      agreedDueAt: null,
      reportedAt: null,
      ipc: null,
      sourceType: source?.type ?? null,
      sourceEventId: source?.eventId ?? null,
      machineVersion: CD_ERROR_MACHINE_VERSION,
      version: 1,
      historyHead: GENESIS_HASH,
      createdAt: now,
      updatedAt: now,
    };
    await this.links.check(tx, row.authorityId, links);
    row.historyHead = await this.history.append(
      tx,
      {
        ...nextHistoryEntry(row, actor, now, { kind: 'created', toState: status, payload: { report, links, source }, rowDigest: cdErrorRowDigest(row) }),
        position: 1,
        fromState: null,
      },
      GENESIS_HASH,
    );
    await this.repo.insert(tx, row);
    await this.links.insert(tx, row.id, links);
    return row;
  }

  private visibleOrNotFound(manager: EntityManager, principal: Principal, id: string): Promise<CdErrorEntity> {
    return this.repo.visibleOrNotFound(manager, principal, id);
  }

  private saveVersioned(tx: EntityManager, row: CdErrorEntity, changes: Partial<CdErrorEntity>): Promise<CdErrorEntity> {
    return this.repo.saveVersioned(tx, row, changes);
  }

  private async respond(manager: EntityManager, row: CdErrorEntity, principal: Principal, now: Date): Promise<CdErrorResponse> {
    return this.toResponse(row, await this.links.ofEntry(manager, row.id), principal, now);
  }

  private toResponse(row: CdErrorEntity, links: CdErrorLinkEntity[], principal: Principal, now: Date): CdErrorResponse {
    const state = row.status as CdErrorState;
    const facts = cdErrorFacts(row);
    const events = cdErrorEngine.eventsFor(state, { error: facts, actor: actorFacts(principal), now });
    return toCdErrorResponse(row, links, events, now, { overdue: isOverdue(facts, now) });
  }
}
