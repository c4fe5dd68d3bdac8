/**
 * The dashboard's SQL, all of it (docs/statistics.md §5). Reporting owns no table (docs/architecture.md
 * §3), so it reads the features' tables by name, read-only, for aggregates: COUNT and GROUP BY over indexed
 * columns (the authority and status indexes of `application`, `disclosure_request` and `cd_error`, each
 * history's (aggregate, position) index), never an entity loaded to be counted. Instants are fixed-width ISO
 * strings on both databases (src/database/instant.transformer.ts), so every threshold is a string comparison
 * with an instant computed once in dashboard-thresholds.ts, and SQLite and PostgreSQL give the same answers.
 *
 * Each tile is one SELECT of its records (`record_id`, `reference`, `status`, `sort_at` and what its lines
 * say besides); its count is COUNT(*) over that same SELECT and its list is that SELECT paged, so the count
 * a tile shows is always the length of the list its link gives.
 */
import type { EntityManager } from 'typeorm';
import type { ApplicationState } from '../../workflow/application.types';
import type { CdErrorState } from '../../workflow/cd-error.types';
import type { DisclosureRequestState } from '../../workflow/disclosure-request.types';
import { AGE_BANDS, OPEN_APPLICATION_STATES, type AgeBandKey, type DashboardThresholds } from './dashboard-thresholds';
import type { DashboardTileId } from './dashboard-tiles';

/**
 * Requests the CSP has not yet answered in full (docs/architecture.md §7.2): sent, acknowledged, or partly
 * disclosed. A disclosure or a nil return waits on the SPOC's check, not on the CSP.
 */
export const WAITING_ON_CSP_STATES: readonly DisclosureRequestState[] = ['sent', 'acknowledged', 'partiallyDisclosed'];

/** A report to the IPC is owed while the entry is assessed or sighted by the SRO (docs/law.md §4.4). */
export const REPORT_OWED_STATES: readonly CdErrorState[] = ['assessed', 'sroSighted'];

/**
 * An authorisation in force: only an `authorised` application may have requests sent under it, be renewed or
 * be cancelled (docs/architecture.md §7.1). One awaiting a Judicial Commissioner has no effect yet (IPA
 * s.77(1)); once the product is issued nothing more is obtained under it.
 */
export const LIVE_AUTHORISATION_STATES: readonly ApplicationState[] = ['authorised'];

/**
 * When an application entered the state it is in: the last history row that changed its state (its
 * creation, import or a transition to another state). Edits and the events that keep the state
 * (RECORD_WRITTEN, REQUEST_CANCELLATION) are not entries into a state, so they do not make it younger;
 * `updated_at` would. The history is the record of every transition (docs/architecture.md §11).
 */
const ENTERED_STATE_AT = `COALESCE(
  (SELECT MAX(ev.at) FROM application_event ev
    WHERE ev.application_id = a.id AND (ev.from_state IS NULL OR ev.from_state <> ev.to_state)),
  a.created_at)`;

/**
 * A request to cancel an application that is still authorised: the record's `cancellationRequests`
 * (application-conversation.mapper.ts) are the REQUEST_CANCELLATION rows since the last CANCEL while it is
 * `authorised`, and CANCEL leaves `authorised` for good (docs/architecture.md §7.1), so on an authorised
 * application every such row is one the cancellation has not answered.
 */
const OPEN_CANCELLATION_REQUEST = `ev.application_id = a.id AND ev.event_type = 'REQUEST_CANCELLATION'`;

/** The due date that applies: the one agreed with the IPC, else the statutory one (docs/law.md §4.4). */
const REPORT_DUE = 'COALESCE(e.agreed_due_at, e.report_due_at)';

/** Each tile's records, for one authority (`:authority`), with the thresholds bound by {@link parameters}. */
const TILE_SQL: Readonly<Record<DashboardTileId, string>> = {
  openApplications: `SELECT a.id AS record_id, a.urn AS reference, a.status AS status, ${ENTERED_STATE_AT} AS sort_at
    FROM application a
    WHERE a.authority_id = :authority AND a.status IN (:...openStates)`,

  requestsWaitingOnCsp: `SELECT r.id AS record_id, a.urn AS reference, r.status AS status, r.sent_at AS sort_at, c.name AS csp_name
    FROM disclosure_request r
    JOIN application a ON a.id = r.application_id
    LEFT JOIN csp c ON c.id = r.csp_id
    WHERE r.authority_id = :authority AND r.status IN (:...waitingStates) AND r.sent_at IS NOT NULL AND r.sent_at < :cspSentBefore`,

  errorReportsDueSoon: `SELECT e.id AS record_id, NULL AS reference, e.status AS status, ${REPORT_DUE} AS sort_at, e.agreed_due_at AS agreed_due_at
    FROM cd_error e
    WHERE e.authority_id = :authority AND e.status IN (:...owedStates) AND ${REPORT_DUE} >= :now AND ${REPORT_DUE} <= :errorsDueBy`,

  errorReportsOverdue: `SELECT e.id AS record_id, NULL AS reference, e.status AS status, ${REPORT_DUE} AS sort_at, e.agreed_due_at AS agreed_due_at
    FROM cd_error e
    WHERE e.authority_id = :authority AND e.status IN (:...owedStates) AND ${REPORT_DUE} < :now`,

  // The notification is the event's history row (a string comparison); what it promised is read from the
  // entry's exchange with the IPC for the listed rows only.
  initialNotificationsAwaitingFullReport: `SELECT e.id AS record_id, NULL AS reference, e.status AS status,
      (SELECT MIN(ev.at) FROM cd_error_event ev WHERE ev.error_id = e.id AND ev.event_type = 'NOTIFY_IPC_INITIAL') AS sort_at,
      ${REPORT_DUE} AS due_at, e.ipc AS ipc
    FROM cd_error e
    WHERE e.authority_id = :authority AND e.status IN (:...owedStates)
      AND EXISTS (SELECT 1 FROM cd_error_event ev WHERE ev.error_id = e.id AND ev.event_type = 'NOTIFY_IPC_INITIAL')`,

  authorisationsEndingSoon: `SELECT a.id AS record_id, a.urn AS reference, a.status AS status, a.expires_at AS sort_at
    FROM application a
    WHERE a.authority_id = :authority AND a.status IN (:...liveStates) AND a.expires_at > :now AND a.expires_at <= :expiringBy`,

  cancellationRequestsOpen: `SELECT a.id AS record_id, a.urn AS reference, a.status AS status,
      (SELECT MIN(ev.at) FROM application_event ev WHERE ${OPEN_CANCELLATION_REQUEST}) AS sort_at,
      (SELECT COUNT(*) FROM application_event ev WHERE ${OPEN_CANCELLATION_REQUEST}) AS open_requests
    FROM application a
    WHERE a.authority_id = :authority AND a.status IN (:...liveStates)
      AND EXISTS (SELECT 1 FROM application_event ev WHERE ${OPEN_CANCELLATION_REQUEST})`,

  // The deadline poller's own test (application-deadlines.service.ts): the suspected error it raises and this
  // tile agree on the instant a written record becomes overdue.
  writtenRecordsOverdue: `SELECT a.id AS record_id, a.urn AS reference, a.status AS status, a.written_record_due_at AS sort_at
    FROM application a
    WHERE a.authority_id = :authority AND a.written_record_due_at IS NOT NULL AND a.written_record_due_at <= :now`,
};

/** Narrows the open applications' list to a state, an age band, or both. */
export interface OpenApplicationsFilter {
  state?: ApplicationState;
  ageBand?: AgeBandKey;
}

/** A row of a tile's list, as the database returns it; `sort_at` is never null (each tile's SELECT sees to it). */
export interface TileRow {
  record_id: string;
  reference: string | null;
  status: string;
  sort_at: string;
  /** What some tiles add: the CSP's name, the agreed due date, the due date, the IPC exchange, the requests to cancel. */
  csp_name?: string | null;
  agreed_due_at?: string | null;
  due_at?: string | null;
  ipc?: string | null;
  open_requests?: number | string | null;
}

function parameters(authorityId: string, th: DashboardThresholds): Record<string, unknown> {
  const bands: Record<string, string | null> = {};
  th.bands.forEach((band, i) => {
    bands[`bandFrom${i}`] = band.from?.toISOString() ?? null;
    bands[`bandBefore${i}`] = band.before?.toISOString() ?? null;
  });
  return {
    authority: authorityId,
    now: th.now.toISOString(),
    openStates: OPEN_APPLICATION_STATES,
    waitingStates: WAITING_ON_CSP_STATES,
    owedStates: REPORT_OWED_STATES,
    liveStates: LIVE_AUTHORISATION_STATES,
    cspSentBefore: th.cspSentBefore.toISOString(),
    errorsDueBy: th.errorsDueBy.toISOString(),
    expiringBy: th.expiringBy.toISOString(),
    ...bands,
  };
}

/** The WHERE over a tile's records that a state or an age band adds (open applications only). */
function filterSql(filter: OpenApplicationsFilter): string {
  const conditions = ['1 = 1'];
  if (filter.state !== undefined) conditions.push('x.status = :state');
  if (filter.ageBand !== undefined) {
    const i = AGE_BANDS.findIndex((band) => band.key === filter.ageBand);
    const band = AGE_BANDS[i];
    if (band.max !== null) conditions.push(`x.sort_at >= :bandFrom${i}`);
    if (band.min > 0) conditions.push(`x.sort_at < :bandBefore${i}`);
  }
  return conditions.join(' AND ');
}

/** The age band of `x.sort_at`, youngest first: the first band whose lower cut-off it reaches. */
function bandCaseSql(): string {
  const whens = AGE_BANDS.map((band, i) => (band.max === null ? `ELSE '${band.key}'` : `WHEN x.sort_at >= :bandFrom${i} THEN '${band.key}'`));
  return `CASE ${whens.join(' ')} END`;
}

async function run<T>(manager: EntityManager, sql: string, params: Record<string, unknown>): Promise<T[]> {
  const [statement, bound] = manager.connection.driver.escapeQueryWithParameters(sql, params);
  return manager.query<T[]>(statement, bound);
}

/** PostgreSQL answers COUNT(*) as a bigint string, SQLite as a number. */
const count = (value: number | string | null | undefined): number => Number(value ?? 0);

/** The dashboard's reads, in the caller's unit of work. */
export const DashboardQueries = {
  /** How many records a tile lists. */
  async count(manager: EntityManager, tile: DashboardTileId, authorityId: string, th: DashboardThresholds, filter: OpenApplicationsFilter = {}): Promise<number> {
    const sql = `SELECT COUNT(*) AS n FROM (${TILE_SQL[tile]}) x WHERE ${filterSql(filter)}`;
    const [row] = await run<{ n: number | string }>(manager, sql, { ...parameters(authorityId, th), state: filter.state });
    return count(row?.n);
  },

  /** Open applications counted by state and age band (only the pairs that have any). */
  async openByStateAndBand(manager: EntityManager, authorityId: string, th: DashboardThresholds): Promise<{ state: ApplicationState; band: AgeBandKey; count: number }[]> {
    const sql = `SELECT y.status AS status, y.band AS band, COUNT(*) AS n
      FROM (SELECT x.status AS status, ${bandCaseSql()} AS band FROM (${TILE_SQL.openApplications}) x) y
      GROUP BY y.status, y.band`;
    const rows = await run<{ status: ApplicationState; band: AgeBandKey; n: number | string }>(manager, sql, parameters(authorityId, th));
    return rows.map((row) => ({ state: row.status, band: row.band, count: count(row.n) }));
  },

  /** One page of a tile's records, most pressing first (the earliest `sort_at`), then by id. */
  async page(
    manager: EntityManager,
    tile: DashboardTileId,
    authorityId: string,
    th: DashboardThresholds,
    filter: OpenApplicationsFilter,
    page: { limit: number; offset: number },
  ): Promise<TileRow[]> {
    const sql = `SELECT x.* FROM (${TILE_SQL[tile]}) x WHERE ${filterSql(filter)} ORDER BY x.sort_at, x.record_id LIMIT :limit OFFSET :offset`;
    return run<TileRow>(manager, sql, { ...parameters(authorityId, th), state: filter.state, limit: page.limit, offset: page.offset });
  },

  /** The URNs of the applications of the authority each error entry is linked to, in URN order. */
  async linkedUrns(manager: EntityManager, authorityId: string, errorIds: readonly string[]): Promise<Map<string, string[]>> {
    const urns = new Map<string, string[]>();
    if (errorIds.length === 0) return urns;
    const rows = await run<{ error_id: string; urn: string }>(
      manager,
      `SELECT l.error_id AS error_id, a.urn AS urn FROM cd_error_link l JOIN application a ON a.id = l.target_id
        WHERE l.target_type = 'application' AND l.error_id IN (:...errorIds) AND a.authority_id = :authority
        ORDER BY a.urn`,
      { errorIds: [...errorIds], authority: authorityId },
    );
    for (const row of rows) urns.set(row.error_id, [...(urns.get(row.error_id) ?? []), row.urn]);
    return urns;
  },
};
