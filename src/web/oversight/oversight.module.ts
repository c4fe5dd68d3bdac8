import { Module } from '@nestjs/common';
import { DashboardModule, StatisticsModule } from '../../reporting/public-api';
import { DashboardPageController } from './dashboard-page.controller';
import { StatisticsDownloadsController } from './statistics-downloads.controller';
import { StatisticsPageController } from './statistics-page.controller';
import { StatisticsRecordsController } from './statistics-records.controller';

/**
 * The manager's oversight pages (docs/web.md; issue 20): the dashboard and the records behind each count, the
 * statistics return for a period with the records behind each figure, and its CSV, XLSX and PDF downloads. They
 * call reporting's own services (DashboardService, StatisticsExports), which the modules imported here export.
 */
@Module({
  imports: [DashboardModule, StatisticsModule],
  controllers: [DashboardPageController, StatisticsPageController, StatisticsRecordsController, StatisticsDownloadsController],
  providers: [],
})
export class OversightPagesModule {}
