import { Inject, Injectable, type OnModuleInit, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { actorFacts, type Actor } from '../auth/actor';
import { People } from '../auth/people';
import type { Principal } from '../auth/principal';
import { CLOCK } from '../clock.provider';
import { deleteContentUnderDecision } from '../database/retention-deletion';
import { type RetentionActor, RetentionSubjects } from '../database/retention-subjects';
import { finalStates } from '../workflow/core/machine';
import { APPLICATION_TRANSITIONS } from '../workflow/application.machine';
import { UnitOfWork } from '../database/unit-of-work';
import { updateVersioned } from '../database/versioned-update';
import { DomainException, NotFoundDomainException } from '../http/domain-exception';
import type { AvailableEvents } from '../workflow/core/engine';
import { applicationEngine } from '../workflow/application.engine';
import { DEFAULT_WORKFLOW_POLICY, type ApplicationFacts } from '../workflow/application.guards';
import { APPLICATION_STATES, type ApplicationEventType, type ApplicationForm, type ApplicationState, type PriorityGrade } from '../workflow/application.types';
import type { Clock } from '../workflow/clock';
import type { AuthorityType } from '../workflow/roles';
import { ApplicationTeamMemberEntity } from './application-team-member.entity';
import { ApplicationEntity } from './application.entity';
import type { ApplicationFormDto } from './application-form.dto';
import { plain } from '../common/plain-json';
import { checkFormReferences, checkTeamMembers, formFieldsFrom } from './application-form';
import { rowAfterWrite, type VerifyResult } from '../database/hash-chain';
import { applicationRowDigest } from './application-row-digest';
import type { IfMatch } from '../http/if-match';
import { openCancellationRequests, toConversation } from './application-conversation.mapper';
import { applicationFacts } from './application-facts';
import { cancellationDutyFor } from './cancellation-duty';
import { DISCLOSURE_FACTS_READER, NO_REQUESTS_MADE, type DisclosureFactsReader, type DisclosureProgress } from './disclosure-facts.reader';
import { PRODUCT_FACTS_READER, type ProductFactsReader } from './product-facts.reader';
import { ApplicationHistory, stale } from './application-history';
import { personIdsIn, toApplicationHistory } from './application-history.mapper';
import { toApplicationResponse, toApplicationSummary, type ApplicationResponse } from './application.mapper';
import { ApplicationsRepository } from './applications.repository';
import { insertNewRecord } from './application-rows';
import { changesStatistics, recordStatistics } from './application-statistics';
import { ApplicationOverlaps } from './application-overlaps';
import { applicationChecks, type ApplicationChecks } from './application-checks';
import { parseInstantWithOffset } from './period';
import { rewriteFormWindows } from './identifier-windows';
import { insertRows } from '../database/insert-rows';

/** What an application's guards and answer read from outside its row ({@link ApplicationsService.surroundings}). */
export interface ApplicationSurroundings {
  authorityType: AuthorityType;
  original: ApplicationEntity | null;
  progress: DisclosureProgress | null;
  finalProductIssued: boolean;
}

/** The states in which the applicant may edit the form (docs/architecture.md §8 PATCH). */
const EDITABLE: readonly ApplicationState[] = ['draft', 'returnedToApplicant'];

@Injectable()
export class ApplicationsService implements OnModuleInit {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: ApplicationsRepository,
    private readonly history: ApplicationHistory,
    private readonly people: People,
    private readonly overlaps: ApplicationOverlaps,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly retention: RetentionSubjects,
    // Provided by the disclosures feature; absent, no request has been made (docs/architecture.md §3).
    @Optional() @Inject(DISCLOSURE_FACTS_READER) private readonly disclosures: DisclosureFactsReader | null = null,
    @Optional() @Inject(PRODUCT_FACTS_READER) private readonly products: ProductFactsReader | null = null,
  ) {}

  /** A new draft, its URN allocated in the same transaction, and history row 1. */
  create(principal: Principal, dto: ApplicationFormDto): Promise<ApplicationResponse> {
    return this.uow.run(async (tx) => {
      const form = formFieldsFrom(dto) as ApplicationForm;
      const team = [...new Set(dto.teamMemberIds ?? [])].filter((id) => id !== principal.id);
      return this.createDraft(tx, principal, form, team, null);
    });
  }

  /**
   * A renewal is a linked new application, prefilled from the original, following the same lifecycle
   * (IPA s.65(2)–(3); docs/architecture.md §7.1 Validity): by the applicant of record, while the original is
   * authorised, never for `dso61A` (s.65(2) covers s.60A and s.61 only — docs/law.md §2.1).
   */
  renew(principal: Principal, id: string): Promise<ApplicationResponse> {
    return this.uow.run(async (tx) => {
      const original = await this.visibleOrNotFound(tx, principal, id);
      if (original.applicantId !== principal.id) {
        throw new DomainException('NOT_APPLICANT_OF_RECORD', 'Only the applicant of record may renew.');
      }
      if (original.route === 'dso61A') {
        throw new DomainException('RENEWAL_NOT_RENEWABLE', 'An urgent dso61A authorisation cannot be renewed (IPA s.65(2)); make a new application.');
      }
      if (original.status !== 'authorised') {
        throw new DomainException('RENEWAL_NOT_ALLOWED', `Only an authorised application can be renewed; this one is ${original.status}.`);
      }
      const team = await this.repo.teamMemberIds(tx, id);
      return this.createDraft(tx, principal, { ...original.form, renewalOf: original.id }, team, original);
    });
  }

  private async createDraft(
    tx: EntityManager,
    principal: Principal,
    form: ApplicationForm,
    team: string[],
    original: ApplicationEntity | null,
  ): Promise<ApplicationResponse> {
    const renewalOf = original?.id ?? null;
    const now = this.clock.now();
    checkFormReferences(form);
    await checkTeamMembers(tx, principal.authorityId, team);
    const row = await insertNewRecord(tx, { repo: this.repo, history: this.history }, principal, now, {
      kind: 'created',
      status: 'draft',
      route: form.route ?? null,
      form,
      renewalOf,
      ripa: null,
      payload: { form, teamMemberIds: team, renewalOf },
    });
    for (const userId of team) await insertRows(tx, ApplicationTeamMemberEntity, { applicationId: row.id, userId });
    // Made in this command: of the actor's authority, and nothing has been requested under it yet, so nothing is read.
    const surroundings = { authorityType: principal.authorityType, original, progress: this.disclosures ? NO_REQUESTS_MADE : null, finalProductIssued: false };
    return this.respond(tx, principal, row, team, surroundings);
  }

  /** Edits the form in draft / returnedToApplicant, by the applicant of record, against `If-Match`. */
  patch(principal: Principal, id: string, ifMatch: IfMatch, dto: ApplicationFormDto): Promise<ApplicationResponse> {
    return this.uow.run(async (tx) => {
      const row = await this.visibleOrNotFound(tx, principal, id);
      if (!ifMatch.matches(row.version)) throw stale(row.version, ifMatch);
      if (row.applicantId !== principal.id) {
        throw new DomainException('NOT_APPLICANT_OF_RECORD', 'Only the applicant of record may edit the form.');
      }
      let team = await this.repo.teamMemberIds(tx, id);
      if (!EDITABLE.includes(row.status)) {
        throw new DomainException(
          'WORKFLOW_INVALID_TRANSITION',
          `The form can be edited only in ${EDITABLE.join(' or ')}; this application is ${row.status}.`,
          { ...(await this.availableEvents(tx, principal, row, team)) },
        );
      }
      const now = this.clock.now();
      const changes = formFieldsFrom(dto);
      if (row.renewalOf && changes.route === 'dso61A') {
        throw new DomainException('RENEWAL_NOT_RENEWABLE', 'A renewal cannot take the urgent dso61A route (IPA s.65(2)).');
      }
      const form: ApplicationForm = { ...row.form, ...changes };
      checkFormReferences(form);
      if (dto.teamMemberIds !== undefined) {
        team = [...new Set(dto.teamMemberIds ?? [])].filter((m) => m !== principal.id);
        await checkTeamMembers(tx, row.authorityId, team);
        await tx.delete(ApplicationTeamMemberEntity, { applicationId: id });
        for (const userId of team) await insertRows(tx, ApplicationTeamMemberEntity, { applicationId: row.id, userId });
      }
      const changed: Partial<ApplicationEntity> = { form, route: form.route ?? null, updatedAt: now };
      const head = await this.history.append(
        tx,
        {
          aggregateId: id,
          position: row.version + 1,
          kind: 'edited',
          fromState: row.status,
          toState: row.status,
          eventType: null,
          actorId: principal.id,
          deciderId: null,
          actorRoles: [...principal.roles],
          at: now,
          machineVersion: row.machineVersion,
          guardInputs: null,
          payload: { changes: plain(changes), teamMemberIds: dto.teamMemberIds === undefined ? undefined : team },
          // The row as the UPDATE below leaves it (issue 21, item 1).
          rowDigest: applicationRowDigest(rowAfterWrite(row, changed)),
        },
        row.historyHead,
      );
      const updated = await this.saveVersioned(tx, row, { ...changed, historyHead: head });
      if (changes.identifiers !== undefined || changes.dataItems !== undefined) await rewriteFormWindows(tx, updated);
      return this.respond(tx, principal, updated, team);
    });
  }

  /**
   * Deletes the application's content — its form and the SPOC's section, and with them the identifiers it indexed —
   * under a retention decision to delete it (issue 21, item 3; docs/architecture.md §11). Its statistics rows are
   * left as they are: a past period's return still counts it.
   */
  deleteContentUnderDecision(actor: Actor, id: string, decisionId: string): Promise<ApplicationEntity> {
    return this.uow.run(async (tx) => (await this.deleteContentIn(tx, id, decisionId, actor, this.clock.now())).row);
  }

  /** Applications as the retention feature sees them (docs/retention.md): closed in a final state of the machine. */
  onModuleInit(): void {
    this.retention.register({
      recordType: 'application',
      what: 'The application',
      table: 'application',
      historyTable: 'application_event',
      aggregateColumn: 'application_id',
      finalStates: finalStates(APPLICATION_STATES, APPLICATION_TRANSITIONS),
      deleteContent: (tx, id, decisionId, actor, now) => this.deleteContentIn(tx, id, decisionId, actor, now),
    });
  }

  /** The form and the SPOC's section, with the identifiers they indexed; an imported RIPA record's particulars too. */
  private async deleteContentIn(tx: EntityManager, id: string, decisionId: string, actor: RetentionActor, now: Date): Promise<{ row: ApplicationEntity; deletedFields: string[] }> {
    const target = { what: 'The application', recordType: 'application', entity: ApplicationEntity, chain: this.history, stale } as const;
    const deleted = await deleteContentUnderDecision(tx, target, id, decisionId, actor, now, (row) => ({ form: {}, spocSection: null, ...(row.ripa === null ? {} : { ripa: null }) }));
    await rewriteFormWindows(tx, deleted.row);
    return deleted;
  }

  get(principal: Principal, id: string): Promise<ApplicationResponse> {
    return this.uow.read(async (m) => {
      const row = await this.visibleOrNotFound(m, principal, id);
      return this.respond(m, principal, row, await this.repo.teamMemberIds(m, id));
    });
  }

  /**
   * The record for `principal` (docs/architecture.md §8): the events they can send now and those a rule
   * blocks (docs/architecture.md §7), the conversation and open cancellation requests computed from the
   * history rows, with names, and how many duplicates the warning lists for them. A command passes the
   * surroundings its guards read, so they are not read twice in one transaction.
   */
  async respond(
    manager: EntityManager,
    principal: Principal,
    row: ApplicationEntity,
    team: string[],
    read?: ApplicationSurroundings,
  ): Promise<ApplicationResponse> {
    const surroundings = read ?? (await this.surroundings(manager, principal, row));
    const events = this.eventsFor(principal, row, team, surroundings);
    const rows = await this.history.list(manager, row.id);
    const names = await this.people.displayNames(manager, personIdsIn(rows));
    const duty = cancellationDutyFor(row, principal, surroundings.progress, this.clock.now());
    const overlapCount = await this.overlaps.count(manager, principal, row.id);
    return toApplicationResponse(row, team, events, toConversation(rows, names), openCancellationRequests(rows, names, row.status), duty, overlapCount);
  }

  /** What `principal` can send now, judged on the facts alone (no payload): what the GET offers. */
  async availableEvents(manager: EntityManager, principal: Principal, row: ApplicationEntity, team: string[]): Promise<AvailableEvents<ApplicationEventType>> {
    return this.eventsFor(principal, row, team, await this.surroundings(manager, principal, row));
  }

  private eventsFor(principal: Principal, row: ApplicationEntity, team: string[], surroundings: ApplicationSurroundings): AvailableEvents<ApplicationEventType> {
    return applicationEngine.eventsFor(row.status, {
      application: this.guardFacts(row, team, surroundings),
      actor: actorFacts(principal),
      decider: null,
      policy: DEFAULT_WORKFLOW_POLICY,
      now: this.clock.now(),
    });
  }

  /**
   * What the guards read from outside the row: the authority's type (the actor's own when the record is of the
   * actor's authority: the session read it with the actor), a renewal's original, the state of the requests made
   * to CSPs and whether a final product was issued (both for ISSUE_PRODUCT). None of it changes in a command on
   * the application itself. A record never granted has no request to read: a request is made only within the
   * period of validity a grant sets (the SEND guard, REQUEST_OUTSIDE_VALIDITY), and nothing clears `validFrom`. A
   * record without requests has no product: a product is made from what CSPs returned or answered nil.
   */
  async surroundings(manager: EntityManager, actor: Actor, row: ApplicationEntity): Promise<ApplicationSurroundings> {
    const authorityType = row.authorityId === actor.authorityId ? actor.authorityType : (await this.repo.authority(manager, row.authorityId)).type;
    const original = row.renewalOf ? await manager.findOneBy(ApplicationEntity, { id: row.renewalOf }) : null;
    const progress = this.disclosures ? (row.validFrom === null ? NO_REQUESTS_MADE : await this.disclosures.factsFor(manager, row.id)) : null;
    const finalProductIssued = progress !== null && progress.requests > 0 && ((await this.products?.finalProductIssued(manager, row.id)) ?? false);
    return { authorityType, original, progress, finalProductIssued };
  }

  /** The row as the guards see it, with its surroundings. */
  guardFacts(row: ApplicationEntity, team: string[], surroundings: ApplicationSurroundings): ApplicationFacts {
    const { authorityType, original, progress, finalProductIssued } = surroundings;
    return applicationFacts(row, authorityType, team, original, progress ? { ...progress.facts, finalProductIssued } : null);
  }

  /**
   * The applications `principal` may see, newest first, narrowed by state, priority grade and last change
   * (`updatedBefore`: an ISO 8601 instant with its offset, validated by the caller's DTO). The API's list and the
   * SPOC's work queue (src/web/spoc) both run this.
   */
  list(
    principal: Principal,
    filter: { status?: ApplicationState; priorityGrade?: PriorityGrade; updatedBefore?: string; page: number; pageSize: number },
  ) {
    return this.uow.read(async (m) => {
      const before = filter.updatedBefore === undefined ? null : parseInstantWithOffset(filter.updatedBefore);
      if (before !== null && !before.ok) {
        throw new DomainException('VALIDATION_FAILED', `updatedBefore: ${before.reason}`, { errors: [{ field: 'updatedBefore', message: before.reason, code: 'isInstantWithOffset' }] });
      }
      const { status, priorityGrade, page, pageSize } = filter;
      const { rows, total } = await this.repo.listVisible(m, principal, { status, priorityGrade, updatedBefore: before?.instant, page, pageSize });
      return { items: rows.map(toApplicationSummary), page, pageSize, total };
    });
  }

  /**
   * What the SPOC's review shows (issue 19): every guard of SUBMIT_FOR_AUTHORISATION run on the same guard input
   * `availableEvents` builds (so a page and `blockedEvents` cannot disagree), with each rule's words and citation,
   * and on a DSO route each DSO of the authority with the independence guard's outcome for them.
   */
  checksFor(principal: Principal, id: string): Promise<ApplicationChecks> {
    return this.uow.read(async (m) => {
      const row = await this.visibleOrNotFound(m, principal, id);
      const application = this.guardFacts(row, await this.repo.teamMemberIds(m, id), await this.surroundings(m, principal, row));
      const facts = { application, actor: actorFacts(principal), policy: DEFAULT_WORKFLOW_POLICY, now: this.clock.now() };
      return applicationChecks(facts, await this.repo.designatedSeniorOfficers(m, row.authorityId));
    });
  }

  historyOf(principal: Principal, id: string) {
    return this.uow.read(async (m) => {
      await this.visibleOrNotFound(m, principal, id);
      const rows = await this.history.list(m, id);
      return toApplicationHistory(rows, await this.people.displayNames(m, personIdsIn(rows)));
    });
  }

  verify(principal: Principal, id: string): Promise<VerifyResult> {
    return this.uow.read(async (m) => {
      return this.history.verifyAggregate(m, await this.visibleOrNotFound(m, principal, id));
    });
  }

  async visibleOrNotFound(manager: EntityManager, principal: Principal, id: string): Promise<ApplicationEntity> {
    const row = await this.repo.findVisible(manager, principal, id);
    if (!row) throw new NotFoundDomainException('The application');
    return row;
  }

  /** The conditional UPDATE on the version; the statistics rows follow a change to what they are derived from (docs/statistics.md §2). */
  async saveVersioned(tx: EntityManager, row: ApplicationEntity, changes: Partial<ApplicationEntity>): Promise<ApplicationEntity> {
    const updated = await updateVersioned(tx, ApplicationEntity, row, changes, stale);
    if (changesStatistics(changes)) await recordStatistics(tx, updated);
    return updated;
  }
}
