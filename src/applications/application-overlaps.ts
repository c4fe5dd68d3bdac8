import { Inject, Injectable, Optional } from '@nestjs/common';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import type { Principal } from '../auth/principal';
import { UnitOfWork } from '../database/unit-of-work';
import { NotFoundDomainException } from '../http/domain-exception';
import { APPLICATION_STATE_LABELS } from '../workflow/application.labels';
import type { ApplicationState, IdentifierType } from '../workflow/application.types';
import { DISCLOSURE_REQUEST_STATE_LABELS } from '../workflow/disclosure-request.labels';
import type { DisclosureRequestState } from '../workflow/disclosure-request.types';
import type { Role } from '../workflow/roles';
import { ApplicationIdentifierWindowEntity } from './application-identifier-window.entity';
import { ApplicationEntity } from './application.entity';
import { ApplicationsRepository } from './applications.repository';
import { needToKnowShape, restrictToNeedToKnow, type NeedToKnowSubject } from './need-to-know';
import { REQUEST_SUMMARY_READER, type RequestSummary, type RequestSummaryReader } from './request-summary.reader';
import { compiledRows } from '../database/compiled-select';

/** Who may read the warning: the roles that read an application's requests (docs/architecture.md §8). */
export const OVERLAP_READERS = ['applicant', 'spoc', 'dso', 'sro'] as const satisfies readonly Role[];

/**
 * The states of an application under which nothing was obtained and nothing will be (final, never
 * authorised, or refused approval by a Judicial Commissioner): its windows are no duplicate, so it is neither
 * listed nor counted (docs/architecture.md §8; docs/law.md §3.4). Every other state is: a colleague's draft
 * for the same number is about to ask for the same data, an authorisation may have obtained it already.
 */
export const NOTHING_OBTAINED: readonly ApplicationState[] = ['withdrawn', 'declinedBySpoc', 'refused', 'quashed'];

/** Whether `principal` may read the list; for anyone else the record's count is null. */
export function mayReadOverlaps(principal: Principal): boolean {
  return principal.roles.some((role) => (OVERLAP_READERS as readonly Role[]).includes(role));
}

/** One listed duplicate: another application, or a request under another application, for the same identifier. */
export interface ApplicationOverlap {
  kind: 'application' | 'disclosureRequest';
  /** The application's id, or the request's. */
  id: string;
  applicationId: string;
  urn: string;
  /** The application's status, or the request's. */
  status: ApplicationState | DisclosureRequestState;
  statusLabel: string;
  /** The CSP a request asks; null for an application. */
  cspName: string | null;
  identifier: { type: IdentifierType; normalisedValue: string };
  /** The earliest start and latest end of its windows for the identifier that overlap this application's. */
  window: { start: string; end: string };
  /** The earliest start and latest end of this application's windows for the identifier that overlap its. */
  ownWindow: { start: string; end: string };
  /** Its data items for the identifier whose windows overlap (a request's: the application's refs it asks for). */
  dataItemRefs: string[];
  /** This application's data items whose windows they overlap. */
  ownDataItemRefs: string[];
}

/** One overlapping pair: a window of this application's form and a window of another record, as the query returns it. */
interface PairRow {
  application_id: string;
  request_id: string | null;
  data_item_ref: string;
  identifier_type: IdentifierType;
  normalised_value: string;
  window_start: string;
  window_end: string;
  own_ref: string;
  own_start: string;
  own_end: string;
  urn: string;
  status: ApplicationState;
}

/** What makes two pairs one listed overlap (and what the count counts, distinct). */
const GROUP = ['o.application_id', 'o.request_id', 'o.identifier_type', 'o.normalised_value'] as const;

const earlier = (a: string, b: string) => (a < b ? a : b);
const later = (a: string, b: string) => (a > b ? a : b);

/**
 * The duplicate-acquisition warning (docs/architecture.md §8): the other applications, and the requests under
 * them, of the application's authority that seek the same identifier (by its normalised value) over a window
 * overlapping one of this application's, among those the caller may see. The list and the count run the same
 * query, with need-to-know in it, so they always agree, and another authority's records are never read.
 */
@Injectable()
export class ApplicationOverlaps {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: ApplicationsRepository,
    // Provided by the disclosures feature; absent, no request has been made, so none is indexed (docs/architecture.md §3).
    @Optional() @Inject(REQUEST_SUMMARY_READER) private readonly requests: RequestSummaryReader | null = null,
  ) {}

  /**
   * Every overlapping pair of windows: one of the application's form windows (`s`) and one of another record's
   * (`o`: another application's form or a request under another application) for the same normalised
   * identifier in the same authority, where the windows overlap (start ≤ other end and other start ≤ end),
   * under an application (`a`) the caller may see and under which something was or may be obtained.
   */
  private pairs(manager: EntityManager, principal: NeedToKnowSubject, applicationId: string): SelectQueryBuilder<ApplicationEntity> {
    const qb = manager
      .createQueryBuilder(ApplicationEntity, 'a')
      .innerJoin(ApplicationIdentifierWindowEntity, 'o', 'o.application_id = a.id')
      .innerJoin(
        ApplicationIdentifierWindowEntity,
        's',
        's.normalised_value = o.normalised_value AND s.authority_id = o.authority_id AND o.window_start <= s.window_end AND s.window_start <= o.window_end',
      )
      .where('s.application_id = :overlapsOf AND s.request_id IS NULL', { overlapsOf: applicationId })
      .andWhere('o.application_id <> :overlapsOf')
      .andWhere('a.status NOT IN (:...nothingObtained)', { nothingObtained: NOTHING_OBTAINED });
    return restrictToNeedToKnow(qb, principal);
  }

  /** How many overlaps {@link list} gives `principal` (one indexed query), or null when they may not read it. */
  async count(manager: EntityManager, principal: Principal, applicationId: string): Promise<number | null> {
    if (!mayReadOverlaps(principal)) return null;
    // Compiled once per set of roles, as need-to-know's SQL depends on nothing else (src/database/compiled-select.ts).
    const rows = await compiledRows<{ n: number | string }, 'of' | 'me' | 'authority'>(
      manager,
      `application-overlap-count:${needToKnowShape(principal)}`,
      (slots) =>
        this.pairs(manager, { roles: principal.roles, id: slots.me, authorityId: slots.authority }, slots.of)
          .select(GROUP[0], 'application_id')
          .addSelect(GROUP[1], 'request_id')
          .addSelect(GROUP[2], 'identifier_type')
          .addSelect(GROUP[3], 'normalised_value')
          .distinct(true),
      { of: applicationId, me: principal.id, authority: principal.authorityId },
      (sql) => `SELECT COUNT(*) AS n FROM (${sql}) distinct_overlaps`,
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** The overlaps of application `id` for `principal`, by window start then id; 404 when they may not see it. */
  list(principal: Principal, id: string): Promise<{ items: ApplicationOverlap[] }> {
    return this.uow.read(async (m) => {
      if (!(await this.repo.findVisible(m, principal, id))) throw new NotFoundDomainException('The application');
      const rows = await this.pairs(m, principal, id)
        .select('o.application_id', 'application_id')
        .addSelect('o.request_id', 'request_id')
        .addSelect('o.data_item_ref', 'data_item_ref')
        .addSelect('o.identifier_type', 'identifier_type')
        .addSelect('o.normalised_value', 'normalised_value')
        .addSelect('o.window_start', 'window_start')
        .addSelect('o.window_end', 'window_end')
        .addSelect('s.data_item_ref', 'own_ref')
        .addSelect('s.window_start', 'own_start')
        .addSelect('s.window_end', 'own_end')
        .addSelect('a.urn', 'urn')
        .addSelect('a.status', 'status')
        .getRawMany<PairRow>();
      const requestIds = [...new Set(rows.flatMap((row) => (row.request_id ? [row.request_id] : [])))];
      const summaries = requestIds.length > 0 && this.requests ? await this.requests.summariesOf(m, requestIds) : new Map<string, RequestSummary>();
      return { items: grouped(rows, summaries) };
    });
  }
}

/** The pairs as listed overlaps: one per record and identifier, in a stable order. */
function grouped(rows: readonly PairRow[], summaries: ReadonlyMap<string, RequestSummary>): ApplicationOverlap[] {
  const groups = new Map<string, ApplicationOverlap & { refs: Set<string>; ownRefs: Set<string> }>();
  for (const row of rows) {
    const key = JSON.stringify([row.application_id, row.request_id, row.identifier_type, row.normalised_value]);
    const found = groups.get(key);
    if (found) {
      found.window = { start: earlier(found.window.start, row.window_start), end: later(found.window.end, row.window_end) };
      found.ownWindow = { start: earlier(found.ownWindow.start, row.own_start), end: later(found.ownWindow.end, row.own_end) };
      found.refs.add(row.data_item_ref);
      found.ownRefs.add(row.own_ref);
      continue;
    }
    groups.set(key, {
      ...describe(row, summaries),
      applicationId: row.application_id,
      urn: row.urn,
      identifier: { type: row.identifier_type, normalisedValue: row.normalised_value },
      window: { start: row.window_start, end: row.window_end },
      ownWindow: { start: row.own_start, end: row.own_end },
      dataItemRefs: [],
      ownDataItemRefs: [],
      refs: new Set([row.data_item_ref]),
      ownRefs: new Set([row.own_ref]),
    });
  }
  const order = (a: ApplicationOverlap, b: ApplicationOverlap) =>
    compare(a.window.start, b.window.start) || compare(a.id, b.id) || compare(a.identifier.type, b.identifier.type) || compare(a.identifier.normalisedValue, b.identifier.normalisedValue);
  return [...groups.values()]
    .map(({ refs, ownRefs, ...overlap }) => ({ ...overlap, dataItemRefs: [...refs].sort(compare), ownDataItemRefs: [...ownRefs].sort(compare) }))
    .sort(order);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What the record is: an application by its status, or a request by its own status and CSP. */
function describe(row: PairRow, summaries: ReadonlyMap<string, RequestSummary>): Pick<ApplicationOverlap, 'kind' | 'id' | 'status' | 'statusLabel' | 'cspName'> {
  if (row.request_id === null) {
    return { kind: 'application', id: row.application_id, status: row.status, statusLabel: APPLICATION_STATE_LABELS[row.status], cspName: null };
  }
  const summary = summaries.get(row.request_id);
  // The window and its request are written in one transaction and a request is never deleted.
  if (!summary) throw new Error(`disclosure request ${row.request_id} is indexed but its feature does not know it`);
  return { kind: 'disclosureRequest', id: row.request_id, status: summary.status, statusLabel: DISCLOSURE_REQUEST_STATE_LABELS[summary.status], cspName: summary.cspName };
}
