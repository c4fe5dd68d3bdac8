/**
 * Where the manager's pages live and what they link to (docs/web.md §1; docs/statistics.md §3, §5). The API's
 * answers carry API links (`/dashboard/tiles/…`, `/returns/statistics/records?…`, `/applications/:id`); a page
 * links to the page showing the same thing, built here from the same ids and keys. Pure.
 */
import type { AgeBandKey, DashboardRecordType, DashboardTileId, StatisticsRecord } from '../../reporting/public-api';
import type { ApplicationState } from '../../workflow/application.types';
import type { Role } from '../../workflow/roles';
import { WEB_PREFIX } from '../web-paths';

export const DASHBOARD_PATH = `${WEB_PREFIX}/oversight`;
export const STATISTICS_PATH = `${WEB_PREFIX}/statistics`;
export const STATISTICS_RECORDS_PATH = `${STATISTICS_PATH}/records`;
export const STATISTICS_DOWNLOAD_PATH = `${STATISTICS_PATH}/download`;
export const STATISTICS_RECORDS_DOWNLOAD_PATH = `${STATISTICS_RECORDS_PATH}/download`;

/** The query's own fields, empty ones dropped (an unchosen select sends `state=`), for the API's DTO to check (it refuses any other). */
export function queryFields(query: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(names.filter((name) => typeof query[name] === 'string' && query[name] !== '').map((name) => [name, query[name]]));
}

const withQuery = (path: string, query: Record<string, string | number | undefined | null>): string => {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
};

/** The page listing a tile's records, or those of one state or age band of the open applications. */
export function tilePagePath(tile: DashboardTileId, filter: { state?: ApplicationState | null; ageBand?: AgeBandKey | null; page?: number } = {}): string {
  return withQuery(`${DASHBOARD_PATH}/tiles/${tile}`, { state: filter.state, ageBand: filter.ageBand, page: filter.page && filter.page > 1 ? filter.page : undefined });
}

export interface Period {
  from: string;
  to: string;
}

/** The return for a period. */
export function statisticsPagePath(period: Period): string {
  return withQuery(STATISTICS_PATH, { from: period.from, to: period.to });
}

/** The page listing the records behind one cell of the return. */
export function cellPagePath(period: Period, figure: string, key: string, page = 1): string {
  return withQuery(STATISTICS_RECORDS_PATH, { from: period.from, to: period.to, figure, key, page: page > 1 ? page : undefined });
}

/** The return as a file to keep or send (the API's `format`). */
export function returnDownloadPath(period: Period, format: 'csv' | 'xlsx' | 'pdf'): string {
  return withQuery(STATISTICS_DOWNLOAD_PATH, { from: period.from, to: period.to, format });
}

/** One page of a cell's records as a file. */
export function cellDownloadPath(period: Period, figure: string, key: string, page: number, format: 'csv' | 'xlsx'): string {
  return withQuery(STATISTICS_RECORDS_DOWNLOAD_PATH, { from: period.from, to: period.to, figure, key, page: page > 1 ? page : undefined, format });
}

/** A record as a person reads it in a list: what to call it, and its page where the service has one. */
export interface RecordLink {
  text: string;
  href: string | null;
}

/**
 * An application by its URN, on its record page; a register entry on the register's page; a request to a CSP on its
 * page, which is the SPOCs' (`/web/disclosure-requests/:id`, as `GET /disclosure-requests/:id` is): for anyone else
 * it is named, by the URN of the application it was made under, without a link they could not follow.
 */
export function recordLink(type: DashboardRecordType | StatisticsRecord['type'], id: string, reference: string | null, viewer: readonly Role[] = []): RecordLink {
  switch (type) {
    case 'application':
      return { text: reference ?? `Application ${id}`, href: `${WEB_PREFIX}/applications/${id}` };
    case 'error':
    case 'errorEntry':
      return { text: `Register entry ${id}`, href: `${WEB_PREFIX}/errors/${id}` };
    case 'disclosureRequest':
      return { text: `Request ${id}${reference ? ` under ${reference}` : ''}`, href: viewer.includes('spoc') ? `${WEB_PREFIX}/disclosure-requests/${id}` : null };
  }
}
