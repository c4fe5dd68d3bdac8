/**
 * What `GET /dashboard` and `GET /dashboard/tiles/:tile` answer, built from the counts and rows of
 * dashboard.queries.ts (docs/statistics.md §5). Pure: no clock (`now` comes with the thresholds), no I/O.
 * Times a person reads are Europe/London with the zone named (docs/law.md §2.3); every instant is also given
 * in ISO 8601 UTC for programs.
 */
import { APPLICATION_STATE_LABELS } from '../../workflow/application.labels';
import type { ApplicationState } from '../../workflow/application.types';
import { CD_ERROR_STATE_LABELS } from '../../workflow/cd-error.labels';
import type { CdErrorIpcExchange, CdErrorState } from '../../workflow/cd-error.types';
import { DISCLOSURE_REQUEST_STATE_LABELS } from '../../workflow/disclosure-request.labels';
import type { DisclosureRequestState } from '../../workflow/disclosure-request.types';
import { formatLondonDateTime } from '../../workflow/london-time';
import { workingDaysBetween } from '../../workflow/working-days';
import { AGE_BANDS, cspExpectedBy, OPEN_APPLICATION_STATES, type AgeBandKey, type DashboardSettings, type DashboardThresholds } from './dashboard-thresholds';
import { DASHBOARD_TILE_IDS, tileWords, type DashboardAtMeaning, type DashboardRecordType, type DashboardTileId } from './dashboard-tiles';
import type { OpenApplicationsFilter, TileRow } from './dashboard.queries';

export interface DashboardAgeBandView {
  key: AgeBandKey;
  label: string;
  count: number;
  href: string;
}

export interface DashboardStateView {
  key: ApplicationState;
  label: string;
  count: number;
  href: string;
  bands: DashboardAgeBandView[];
}

export interface DashboardTileView {
  id: DashboardTileId;
  title: string;
  definition: string;
  count: number;
  href: string;
  breakdown: DashboardStateView[];
}

export interface DashboardView {
  authorityId: string;
  asOf: string;
  asOfLondon: string;
  timeZone: 'Europe/London';
  settings: DashboardSettings;
  tiles: DashboardTileView[];
}

export interface DashboardRecordView {
  type: DashboardRecordType;
  id: string;
  reference: string | null;
  status: string;
  statusLabel: string;
  what: string;
  at: string;
  atLondon: string;
  atMeaning: DashboardAtMeaning;
  late: boolean;
  href: string;
}

export interface DashboardTileRecordsView {
  tile: DashboardTileId;
  title: string;
  state: ApplicationState | null;
  ageBand: AgeBandKey | null;
  asOf: string;
  items: DashboardRecordView[];
  page: number;
  pageSize: number;
  total: number;
}

/** The link that lists a tile's records, or those of one state or band of it. */
export function tileHref(tile: DashboardTileId, filter: OpenApplicationsFilter = {}): string {
  const query = new URLSearchParams();
  if (filter.state !== undefined) query.set('state', filter.state);
  if (filter.ageBand !== undefined) query.set('ageBand', filter.ageBand);
  const search = query.toString();
  return `/dashboard/tiles/${tile}${search ? `?${search}` : ''}`;
}

const london = (instant: Date): string => formatLondonDateTime(instant);
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** The tiles, in {@link DASHBOARD_TILE_IDS} order; open applications broken down by state and age band (every pair, zeros included). */
export function toDashboard(input: {
  authorityId: string;
  thresholds: DashboardThresholds;
  settings: DashboardSettings;
  counts: Readonly<Record<DashboardTileId, number>>;
  openByStateAndBand: readonly { state: ApplicationState; band: AgeBandKey; count: number }[];
}): DashboardView {
  const words = tileWords(input.settings);
  const cell = (state: ApplicationState, band?: AgeBandKey) =>
    input.openByStateAndBand.filter((c) => c.state === state && (band === undefined || c.band === band)).reduce((sum, c) => sum + c.count, 0);
  const breakdown = OPEN_APPLICATION_STATES.map((state) => ({
    key: state,
    label: APPLICATION_STATE_LABELS[state],
    count: cell(state),
    href: tileHref('openApplications', { state }),
    bands: AGE_BANDS.map((band) => ({ key: band.key, label: band.label, count: cell(state, band.key), href: tileHref('openApplications', { state, ageBand: band.key }) })),
  }));
  return {
    authorityId: input.authorityId,
    asOf: input.thresholds.now.toISOString(),
    asOfLondon: london(input.thresholds.now),
    timeZone: 'Europe/London',
    settings: input.settings,
    tiles: DASHBOARD_TILE_IDS.map((id) => ({
      id,
      title: words[id].title,
      definition: words[id].definition,
      count: input.counts[id],
      href: tileHref(id),
      breakdown: id === 'openApplications' ? breakdown : [],
    })),
  };
}

const HREF: Readonly<Record<DashboardRecordType, string>> = { application: '/applications', disclosureRequest: '/disclosure-requests', errorEntry: '/errors' };

function statusLabel(type: DashboardRecordType, status: string): string {
  if (type === 'application') return APPLICATION_STATE_LABELS[status as ApplicationState] ?? status;
  if (type === 'disclosureRequest') return DISCLOSURE_REQUEST_STATE_LABELS[status as DisclosureRequestState] ?? status;
  return CD_ERROR_STATE_LABELS[status as CdErrorState] ?? status;
}

/** What a listed record's line says, and the instant it is about. */
interface Line {
  at: Date;
  meaning: DashboardAtMeaning;
  late: boolean;
  what: string;
}

function agreed(row: TileRow): string {
  return row.agreed_due_at ? ' (the date agreed with the IPC)' : '';
}

/** The initial notification's promise, as NOTIFY_IPC_INITIAL recorded it (its guard requires one: docs/law.md §4.4). */
function promisedBy(row: TileRow): Date {
  const exchange = (row.ipc ? JSON.parse(row.ipc) : null) as CdErrorIpcExchange | null;
  const promised = exchange?.initialNotification?.fullReportExpectedBy;
  if (!promised) throw new Error(`register entry ${row.record_id} has a NOTIFY_IPC_INITIAL history row but no initial notification`);
  return new Date(promised);
}

function line(tile: DashboardTileId, row: TileRow, th: DashboardThresholds, settings: DashboardSettings, label: string): Line {
  const at = new Date(row.sort_at);
  switch (tile) {
    case 'openApplications': {
      const age = workingDaysBetween(at, th.now);
      return { at, meaning: 'enteredState', late: false, what: `${label} for ${plural(age, 'working day')}, since ${london(at)}.` };
    }
    case 'requestsWaitingOnCsp': {
      const expected = cspExpectedBy(at, settings.cspWaitWorkingDays);
      const csp = row.csp_name ?? 'the CSP';
      return {
        at: expected,
        meaning: 'cspExpectedBy',
        late: true,
        what: `Sent to ${csp} on ${london(at)} and not answered in full (${label.toLowerCase()}): expected within ${plural(settings.cspWaitWorkingDays, 'working day')}, by ${london(expected)}.`,
      };
    }
    case 'errorReportsDueSoon': {
      const left = workingDaysBetween(th.now, at);
      return { at, meaning: 'reportDueBy', late: false, what: `Report to the IPC due by ${london(at)}${agreed(row)}: ${left === 0 ? 'today' : `in ${plural(left, 'working day')}`}.` };
    }
    case 'errorReportsOverdue':
      return { at, meaning: 'reportDueBy', late: true, what: `Report to the IPC overdue: it was due by ${london(at)}${agreed(row)}.` };
    case 'initialNotificationsAwaitingFullReport': {
      const promised = promisedBy(row);
      const dueAt = row.due_at ? new Date(row.due_at) : null;
      const due = dueAt ? `; the report ${th.now.getTime() > dueAt.getTime() ? 'was' : 'is'} due by ${london(dueAt)}` : '';
      return {
        at: promised,
        meaning: 'fullReportPromisedBy',
        late: th.now.getTime() > promised.getTime(),
        what: `Initial notification given to the IPC on ${london(at)}; the full report was promised by ${london(promised)}${due}.`,
      };
    }
    case 'authorisationsEndingSoon':
      return { at, meaning: 'authorisationEnds', late: false, what: `Authorised; the authorisation ends at ${london(at)}.` };
    case 'cancellationRequestsOpen': {
      const requests = Number(row.open_requests ?? 0);
      return { at, meaning: 'firstRequestedAt', late: false, what: `${plural(requests, 'request')} to cancel, the first on ${london(at)}; the authorisation has not been cancelled.` };
    }
    case 'writtenRecordsOverdue':
      return { at, meaning: 'writtenRecordDueBy', late: true, what: `The written record of the oral grant was due by ${london(at)} and has not been made.` };
  }
}

/** One listed record. An error entry's reference is the URNs of the applications it is linked to, if any. */
export function toDashboardRecord(
  tile: DashboardTileId,
  row: TileRow,
  th: DashboardThresholds,
  settings: DashboardSettings,
  linkedUrns: ReadonlyMap<string, readonly string[]>,
): DashboardRecordView {
  const type = tileWords(settings)[tile].recordType;
  const label = statusLabel(type, row.status);
  const { at, meaning, late, what } = line(tile, row, th, settings, label);
  const urns = linkedUrns.get(row.record_id) ?? [];
  return {
    type,
    id: row.record_id,
    reference: type === 'errorEntry' ? (urns.length > 0 ? urns.join(', ') : null) : row.reference,
    status: row.status,
    statusLabel: label,
    what,
    at: at.toISOString(),
    atLondon: london(at),
    atMeaning: meaning,
    late,
    href: `${HREF[type]}/${row.record_id}`,
  };
}
