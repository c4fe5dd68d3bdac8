/**
 * What other features may use of reporting, and the only file of src/reporting they may import
 * (docs/architecture.md §3; the import-boundary lint rule in eslint.config.mjs enforces it). Reporting owns no
 * table and writes nothing; what it offers is read-only.
 */

/** The manager's dashboard (docs/statistics.md §5): the service behind `GET /dashboard`, its module, its query DTOs, its age bands and tiles. */
export { DashboardModule } from './dashboard/dashboard.module';
export { DashboardService } from './dashboard/dashboard.service';
export { DashboardTileParams, DashboardTileQuery } from './dashboard/dashboard.dto';
export { AGE_BANDS, type AgeBandKey } from './dashboard/dashboard-thresholds';
export type { DashboardRecordType, DashboardTileId } from './dashboard/dashboard-tiles';

/**
 * The statistics return (docs/statistics.md §1–§4): the exports behind `GET /returns/statistics` and its records,
 * their module, query DTOs and the return's shape.
 */
export { StatisticsModule } from './statistics/statistics.module';
export { StatisticsExports, type RenderedFile } from './statistics/statistics-exports';
export { StatisticsPeriodQuery, StatisticsRecordsQuery } from './statistics/statistics.dto';
export type { StatisticsRecord, StatisticsReturn } from './statistics/statistics-return';

/**
 * The whole record of an application as a PDF (docs/products.md §7): the module and the service behind
 * `GET /applications/:id/record.pdf`, which the SPOC's product pages (src/web/products) download through too.
 */
export { ReportingModule } from './reporting.module';
export { ApplicationRecordsService } from './application-records.service';
