import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard.controller';
import { DashboardService } from './dashboard.service';

/**
 * The manager's dashboard (docs/statistics.md §5). Like all of reporting it owns no table and writes
 * nothing; its aggregates read the features' tables by name (dashboard.queries.ts).
 */
@Module({
  controllers: [DashboardController],
  providers: [DashboardService],
  // The manager's web pages (src/web/oversight) show the same dashboard through the same service.
  exports: [DashboardService],
})
export class DashboardModule {}
