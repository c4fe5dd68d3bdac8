import { ApiProperty } from '@nestjs/swagger';
import { nullableEnum } from '../../http/openapi';
import type { ApplicationState } from '../../workflow/application.types';
import { AGE_BAND_KEYS, OPEN_APPLICATION_STATES, type AgeBandKey } from './dashboard-thresholds';
import { DASHBOARD_AT_MEANINGS, DASHBOARD_RECORD_TYPES, DASHBOARD_TILE_IDS, type DashboardAtMeaning, type DashboardRecordType, type DashboardTileId } from './dashboard-tiles';
import type { DashboardAgeBandView, DashboardRecordView, DashboardStateView, DashboardTileRecordsView, DashboardTileView, DashboardView } from './dashboard.mapper';

/*
 * What `GET /dashboard` and `GET /dashboard/tiles/:tile` answer (docs/statistics.md §5), for the OpenAPI
 * document and the clients generated from it; mirrors dashboard.mapper.ts.
 */

const LINK = 'a relative link (`/dashboard/tiles/…`) that lists exactly the records counted: its `total` is this count';

/** Open applications of one state that have been in it for a band of working days. */
export class DashboardAgeBand implements DashboardAgeBandView {
  @ApiProperty({ enum: AGE_BAND_KEYS }) key!: AgeBandKey;
  @ApiProperty({ example: '3 to 5 working days' }) label!: string;
  @ApiProperty({ type: 'integer', minimum: 0 }) count!: number;
  @ApiProperty({ description: LINK, example: '/dashboard/tiles/openApplications?state=spocReview&ageBand=from3To5' }) href!: string;
}

/** Open applications in one state, and how long they have been in it. */
export class DashboardStateBreakdown implements DashboardStateView {
  @ApiProperty({ enum: OPEN_APPLICATION_STATES }) key!: ApplicationState;
  @ApiProperty({ example: 'With the SPOC for review' }) label!: string;
  @ApiProperty({ type: 'integer', minimum: 0 }) count!: number;
  @ApiProperty({ description: LINK, example: '/dashboard/tiles/openApplications?state=spocReview' }) href!: string;
  @ApiProperty({ type: [DashboardAgeBand], description: 'every band, zeros included; their counts add up to `count`' }) bands!: DashboardAgeBand[];
}

/** One tile: a count and the link to the records behind it. */
export class DashboardTile implements DashboardTileView {
  @ApiProperty({ enum: DASHBOARD_TILE_IDS }) id!: DashboardTileId;
  @ApiProperty({ example: 'Open applications' }) title!: string;
  @ApiProperty({ description: 'which records are counted, in plain English' }) definition!: string;
  @ApiProperty({ type: 'integer', minimum: 0 }) count!: number;
  @ApiProperty({ description: LINK, example: '/dashboard/tiles/openApplications' }) href!: string;
  @ApiProperty({ type: [DashboardStateBreakdown], description: 'open applications: every open state, zeros included, adding up to `count`; empty for the other tiles' })
  breakdown!: DashboardStateBreakdown[];
}

/** The numbers the dashboard counts with. */
export class DashboardSettings {
  @ApiProperty({ type: 'integer', minimum: 1, description: '`DASHBOARD_CSP_WAIT_WORKING_DAYS`: the working days after its sending a request may wait on its CSP' })
  cspWaitWorkingDays!: number;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'a report to the IPC due within this many working days is due soon' })
  errorsDueWithinWorkingDays!: number;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'an authorisation ending within this many London calendar days after today is ending soon' })
  expiringWithinCalendarDays!: number;
}

/** `GET /dashboard`: the caller's authority, now. */
export class Dashboard implements DashboardView {
  @ApiProperty({ format: 'uuid', description: 'the caller’s authority: every count is of its records only' }) authorityId!: string;
  @ApiProperty({ format: 'date-time', description: 'the instant the counts are for, UTC' }) asOf!: string;
  @ApiProperty({ example: '31 Mar 2026 10:00 BST', description: 'the same instant in London time, with the zone' }) asOfLondon!: string;
  @ApiProperty({ enum: ['Europe/London'] }) timeZone!: 'Europe/London';
  @ApiProperty({ type: () => DashboardSettings }) settings!: DashboardSettings;
  @ApiProperty({ type: [DashboardTile] }) tiles!: DashboardTile[];
}

/** A record behind a tile, with what is due or late about it and when. */
export class DashboardRecord implements DashboardRecordView {
  @ApiProperty({ enum: DASHBOARD_RECORD_TYPES }) type!: DashboardRecordType;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'TVP/CD/2026/000042',
    description: 'the application’s URN; for a request, the URN of the application it was made under; for an error entry, the URNs of the applications it is linked to (null when none)',
  })
  reference!: string | null;
  @ApiProperty({ description: 'the record’s status code' }) status!: string;
  @ApiProperty({ description: 'the status in words' }) statusLabel!: string;
  @ApiProperty({ description: 'what is due or late, and when, in plain English with London times', example: 'The written record of the oral grant was due by 1 Apr 2026 23:59 BST and has not been made.' })
  what!: string;
  @ApiProperty({ format: 'date-time', description: 'the instant the line is about (see `atMeaning`), UTC' }) at!: string;
  @ApiProperty({ example: '1 Apr 2026 23:59 BST', description: '`at` in London time, with the zone' }) atLondon!: string;
  @ApiProperty({ enum: DASHBOARD_AT_MEANINGS, description: 'what `at` is' }) atMeaning!: DashboardAtMeaning;
  @ApiProperty({ description: 'true when `at` is a deadline that has passed' }) late!: boolean;
  @ApiProperty({ example: '/applications/3dff…', description: 'the record’s own route' }) href!: string;
}

/** `GET /dashboard/tiles/:tile`: the records behind a tile, most pressing first. */
export class DashboardTileRecords implements DashboardTileRecordsView {
  @ApiProperty({ enum: DASHBOARD_TILE_IDS }) tile!: DashboardTileId;
  @ApiProperty() title!: string;
  @ApiProperty({ ...nullableEnum(OPEN_APPLICATION_STATES), description: 'the state asked for (open applications only)' }) state!: ApplicationState | null;
  @ApiProperty({ ...nullableEnum(AGE_BAND_KEYS), description: 'the age band asked for (open applications only)' }) ageBand!: AgeBandKey | null;
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty({ type: [DashboardRecord] }) items!: DashboardRecord[];
  @ApiProperty({ type: 'integer', minimum: 1 }) page!: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 100 }) pageSize!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'how many records the tile (or its state or band) counts' }) total!: number;
}
