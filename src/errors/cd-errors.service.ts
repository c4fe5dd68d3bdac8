import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import { plain } from '../applications/application-form';
import { actorFacts, type Actor } from '../applications/application-facts';
import { ApplicationLookup } from '../applications/application-lookup';
import type { Principal } from '../auth/principal';
import { CLOCK } from '../clock.provider';
import { APP_CONFIG, type AppConfig } from '../config';
import { GENESIS_HASH, type VerifyResult } from '../database/hash-chain';
import { UnitOfWork } from '../database/unit-of-work';
import { updateVersioned } from '../database/versioned-update';
import { DomainException, NotFoundDomainException, type FieldError } from '../http/domain-exception';
import { Outbox } from '../outbox/outbox';
import type { Clock } from '../workflow/clock';
import { applyCdErrorEvent } from '../workflow/cd-error.engine';
import { isOverdue, recordReportComplete, reportDueAt } from '../workflow/cd-error.guards';
import { CD_ERROR_MACHINE_VERSION } from '../workflow/cd-error.machine';
import { cdErrorAllowedEvents } from '../workflow/cd-error.policy';
import type { CdErrorEvent, CdErrorReport, CdErrorState } from '../workflow/cd-error.types';
import { addWorkingDays } from '../workflow/working-days';
import { cdErrorFacts, indexedColumns } from './cd-error-facts';
import { CdErrorHistory, staleError } from './cd-error-history';
import { CdErrorLinkEntity } from './cd-error-link.entity';
import { CdErrorEntity } from './cd-error.entity';
import type { CdErrorEventDto, CreateCdErrorDto, ListCdErrorsQuery, PatchCdErrorDto } from './cd-error.dto';
import { toCdErrorResponse, type CdErrorResponse } from './cd-error.mapper';
import { buildErrorReportView } from './cd-error-report';
import { renderErrorReportPdf } from './error-report.pdf';
import type { ErrorReportView } from './error-report.view';

/** While the report can still be edited (issue 6, item 1). */
const EDITABLE: readonly CdErrorState[] = ['recorded', 'assessed'];
/** The states in which a report is due to the IPC and can be overdue. */
const AWAITING_REPORT: readonly CdErrorState[] = ['assessed', 'sroSighted'];

export interface CdErrorLinks {
  applicationIds?: string[];
  disclosureRequestIds?: string[];
}

/**
 * The authority's CD error register (docs/law.md §4; docs/architecture.md §7.3): one transaction per command, the pure
 * engine decides, a conditional UPDATE on the version, exactly one history row per write. Need-to-know:
 * the authority's SPOCs and SRO only (the route policy), and only their authority's entries (the query).
 */
@Injectable()
export class CdErrorsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly history: CdErrorHistory,
    private readonly outbox: Outbox,
    private readonly applications: ApplicationLookup,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A new entry at `recorded`: the fields that make a record are required (docs/law.md §4.3). */
  create(principal: Principal, dto: CreateCdErrorDto): Promise<CdErrorResponse> {
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const report = plain(dto.report) as Partial<CdErrorReport>;
      const failure = recordReportComplete({
        error: { id: '', authorityId: principal.authorityId, status: 'suspected', kind: null, report: {}, reportDueAt: null, agreedDueAt: null },
        actor: actorFacts(principal),
        event: { type: 'RECORD', report },
        now,
      });
      if (failure) throw new DomainException(failure.code, failure.detail ?? failure.code, { fields: failure.fields });
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
    links: CdErrorLinks,
  ): Promise<CdErrorEntity | null> {
    const existing = await tx.findOneBy(CdErrorEntity, { sourceType: source.type, sourceEventId: source.eventId });
    if (existing) return null;
    return this.insertEntry(tx, { ...actor, authorityId }, 'suspected', report, links, source, this.clock.now());
  }

  list(principal: Principal, q: ListCdErrorsQuery) {
    return this.uow.read(async (m) => {
      const now = this.clock.now();
      const due = 'COALESCE(e.agreed_due_at, e.report_due_at)';
      const qb = m.createQueryBuilder(CdErrorEntity, 'e').where('e.authority_id = :authority', { authority: principal.authorityId });
      if (q.status) qb.andWhere('e.status = :status', { status: q.status });
      if (q.kind) qb.andWhere('e.kind = :kind', { kind: q.kind });
      if (q.cause) qb.andWhere('e.cause_code = :cause', { cause: q.cause });
      if (q.from) qb.andWhere('e.created_at >= :from', { from: new Date(q.from).toISOString() });
      if (q.to) qb.andWhere('e.created_at < :to', { to: new Date(q.to).toISOString() });
      if (q.overdue !== undefined || q.dueWithinWorkingDays !== undefined) {
        qb.andWhere('e.status IN (:...awaiting)', { awaiting: AWAITING_REPORT });
      }
      if (q.overdue === true) qb.andWhere(`${due} < :now`, { now: now.toISOString() });
      if (q.overdue === false) qb.andWhere(`(${due} IS NULL OR ${due} >= :now)`, { now: now.toISOString() });
      if (q.dueWithinWorkingDays !== undefined) {
        const until = q.dueWithinWorkingDays === 0 ? now : addWorkingDays(now, q.dueWithinWorkingDays);
        qb.andWhere(`${due} >= :now AND ${due} <= :until`, { now: now.toISOString(), until: until.toISOString() });
      }
      const [rows, total] = await qb
        .orderBy('e.created_at', 'DESC')
        .addOrderBy('e.id', 'ASC')
        .skip((q.page - 1) * q.pageSize)
        .take(q.pageSize)
        .getManyAndCount();
      const links = await this.linksOf(m, rows.map((r) => r.id));
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

  patch(principal: Principal, id: string, ifMatch: number, dto: PatchCdErrorDto): Promise<CdErrorResponse> {
    return this.uow.run(async (tx) => {
      const row = await this.visibleOrNotFound(tx, principal, id);
      if (row.version !== ifMatch) throw staleError(ifMatch);
      const state = row.status as CdErrorState;
      if (!EDITABLE.includes(state)) {
        throw new DomainException('WORKFLOW_INVALID_TRANSITION', `The entry can be edited only while ${EDITABLE.join(' or ')}; it is ${state}.`, {
          allowedEvents: cdErrorAllowedEvents(state, principal.roles),
        });
      }
      const now = this.clock.now();
      const changes = plain(dto.report ?? {}) as Partial<CdErrorReport>;
      const report = { ...row.report, ...changes };
      // An edit keeps what made the record (docs/law.md §4.3): no blanked required field, no future instant.
      const failure = recordReportComplete({ error: cdErrorFacts(row), actor: actorFacts(principal), event: { type: 'RECORD', report }, now });
      if (failure) throw new DomainException(failure.code, failure.detail ?? failure.code, { fields: failure.fields });
      if (dto.applicationIds !== undefined || dto.disclosureRequestIds !== undefined) await this.replaceLinks(tx, row, dto);
      const head = await this.history.append(
        tx,
        this.entry(row, principal, now, { kind: 'edited', toState: state, payload: { changes, links: plain(dto) } }),
        row.historyHead,
      );
      // A corrected establishment time moves the clock it starts (IPCO-18 17.4): the due date follows it.
      const due =
        row.kind === 'relevantError' && report.establishedAt && report.establishedAt !== row.report.establishedAt
          ? { reportDueAt: reportDueAt(new Date(report.establishedAt), this.config.errorReportWorkingDays) }
          : {};
      const updated = await this.saveVersioned(tx, row, { report, ...indexedColumns(report), ...due, historyHead: head, updatedAt: now });
      return this.respond(tx, updated, principal, now);
    });
  }

  apply(principal: Principal, id: string, ifMatch: number, dto: CdErrorEventDto): Promise<CdErrorResponse> {
    return this.uow.run(async (tx) => {
      const row = await this.visibleOrNotFound(tx, principal, id);
      if (row.version !== ifMatch) throw staleError(ifMatch);
      const now = this.clock.now();
      const event = plain<CdErrorEvent>(dto);
      const result = applyCdErrorEvent(
        row.status as CdErrorState,
        event,
        { error: cdErrorFacts(row), actor: actorFacts(principal), event, now },
        { reportWorkingDays: this.config.errorReportWorkingDays },
      );
      if (!result.ok) {
        if (result.kind === 'invalidTransition') {
          throw new DomainException('WORKFLOW_INVALID_TRANSITION', `${result.eventType} is not allowed while the entry is ${result.state}.`, {
            allowedEvents: result.allowedEvents,
          });
        }
        if (result.kind === 'forbiddenRole') {
          throw new DomainException('FORBIDDEN_ROLE', `${result.eventType} may be sent only by: ${result.allowedRoles.join(', ')}.`);
        }
        throw new DomainException(result.failure.code, result.failure.detail ?? result.failure.code, { fields: result.failure.fields });
      }
      const { report, kind, reportDueAt, agreedDueAt } = result.changes;
      const head = await this.history.append(
        tx,
        this.entry(row, principal, now, {
          kind: 'transition',
          toState: result.nextState,
          eventType: event.type,
          guardInputs: result.guardInputsUsed,
          payload: event,
        }),
        row.historyHead,
      );
      const updated = await this.saveVersioned(tx, row, {
        status: result.nextState,
        ...(report ? { report, ...indexedColumns(report) } : {}),
        ...(kind ? { kind } : {}),
        ...(reportDueAt !== undefined ? { reportDueAt } : {}),
        ...(agreedDueAt ? { agreedDueAt } : {}),
        ...(event.type === 'REPORT_TO_IPC' ? { reportedAt: now } : {}),
        historyHead: head,
        updatedAt: now,
      });
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

  /** The report to the IPC as data; the PDF renders the same view with the clock's instant as its date. */
  report(principal: Principal, id: string): Promise<ErrorReportView> {
    return this.uow.read(async (m) => {
      const row = await this.visibleOrNotFound(m, principal, id);
      const links = (await this.linksOf(m, [id])).get(id) ?? [];
      const urns = await this.applications.urnsOf(m, row.authorityId, links.filter((l) => l.targetType === 'application').map((l) => l.targetId));
      return buildErrorReportView(m, row, links, [...urns.values()], await this.history.list(m, id), principal, this.clock.now());
    });
  }

  async reportPdf(principal: Principal, id: string): Promise<Buffer> {
    const view = await this.report(principal, id);
    return renderErrorReportPdf(view, { creationDate: new Date(view.generatedAt) });
  }

  historyOf(principal: Principal, id: string) {
    return this.uow.read(async (m) => {
      await this.visibleOrNotFound(m, principal, id);
      return this.history.view(m, id);
    });
  }

  verify(principal: Principal, id: string): Promise<VerifyResult> {
    return this.uow.read(async (m) => {
      return this.history.verifyAggregate(m, await this.visibleOrNotFound(m, principal, id));
    });
  }

  async visibleOrNotFound(manager: EntityManager, principal: Principal, id: string): Promise<CdErrorEntity> {
    const row = await manager.findOneBy(CdErrorEntity, { id, authorityId: principal.authorityId });
    if (!row) throw new NotFoundDomainException('The error entry');
    return row;
  }

  async linksOf(manager: EntityManager, ids: string[]): Promise<Map<string, CdErrorLinkEntity[]>> {
    const rows = ids.length ? await manager.find(CdErrorLinkEntity, { where: { errorId: In(ids) } }) : [];
    const byError = new Map<string, CdErrorLinkEntity[]>();
    for (const link of rows) byError.set(link.errorId, [...(byError.get(link.errorId) ?? []), link]);
    return byError;
  }

  private async insertEntry(
    tx: EntityManager,
    actor: Actor,
    status: CdErrorState,
    report: Partial<CdErrorReport>,
    links: CdErrorLinks,
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
      sourceType: source?.type ?? null,
      sourceEventId: source?.eventId ?? null,
      machineVersion: CD_ERROR_MACHINE_VERSION,
      version: 1,
      historyHead: GENESIS_HASH,
      createdAt: now,
      updatedAt: now,
    };
    await this.checkLinks(tx, row.authorityId, links);
    row.historyHead = await this.history.append(
      tx,
      { ...this.entry(row, actor, now, { kind: 'created', toState: status, payload: { report, links, source } }), position: 1, fromState: null },
      GENESIS_HASH,
    );
    await tx.insert(CdErrorEntity, row);
    await this.insertLinks(tx, row.id, links);
    return row;
  }

  /** Linked applications must be the authority's own: an entry never points into another authority. */
  private async checkLinks(tx: EntityManager, authorityId: string, links: CdErrorLinks): Promise<void> {
    const ids = links.applicationIds ?? [];
    if (ids.length === 0) return;
    const known = await this.applications.urnsOf(tx, authorityId, ids);
    const errors: FieldError[] = ids
      .map((id, n) => ({ id, n }))
      .filter(({ id }) => !known.has(id))
      .map(({ n }) => ({ field: `applicationIds[${n}]`, message: 'no application of this authority has this id' }));
    if (errors.length) throw new DomainException('VALIDATION_FAILED', 'An error entry can link only its authority’s applications.', { errors });
  }

  private async insertLinks(tx: EntityManager, errorId: string, links: CdErrorLinks): Promise<void> {
    for (const targetId of new Set(links.applicationIds ?? [])) await tx.insert(CdErrorLinkEntity, { errorId, targetType: 'application', targetId });
    for (const targetId of new Set(links.disclosureRequestIds ?? [])) {
      await tx.insert(CdErrorLinkEntity, { errorId, targetType: 'disclosureRequest', targetId });
    }
  }

  private async replaceLinks(tx: EntityManager, row: CdErrorEntity, links: CdErrorLinks): Promise<void> {
    await this.checkLinks(tx, row.authorityId, links);
    if (links.applicationIds !== undefined) await tx.delete(CdErrorLinkEntity, { errorId: row.id, targetType: 'application' });
    if (links.disclosureRequestIds !== undefined) await tx.delete(CdErrorLinkEntity, { errorId: row.id, targetType: 'disclosureRequest' });
    await this.insertLinks(tx, row.id, links);
  }

  private entry(
    row: CdErrorEntity,
    actor: Actor,
    now: Date,
    what: { kind: 'created' | 'edited' | 'transition'; toState: string; eventType?: string; guardInputs?: unknown; payload: unknown },
  ) {
    return {
      aggregateId: row.id,
      position: row.version + 1,
      kind: what.kind,
      fromState: row.status,
      toState: what.toState,
      eventType: what.eventType ?? null,
      actorId: actor.id,
      deciderId: null,
      actorRoles: [...actor.roles],
      at: now,
      machineVersion: row.machineVersion,
      guardInputs: what.guardInputs ?? null,
      payload: what.payload,
    };
  }

  private saveVersioned(tx: EntityManager, row: CdErrorEntity, changes: Partial<CdErrorEntity>): Promise<CdErrorEntity> {
    return updateVersioned(tx, CdErrorEntity, row, changes, staleError);
  }

  private async respond(manager: EntityManager, row: CdErrorEntity, principal: Principal, now: Date): Promise<CdErrorResponse> {
    const links = await this.linksOf(manager, [row.id]);
    return this.toResponse(row, links.get(row.id) ?? [], principal, now);
  }

  private toResponse(row: CdErrorEntity, links: CdErrorLinkEntity[], principal: Principal, now: Date): CdErrorResponse {
    const state = row.status as CdErrorState;
    return toCdErrorResponse(row, links, cdErrorAllowedEvents(state, principal.roles), now, { overdue: isOverdue(cdErrorFacts(row), now) });
  }
}
