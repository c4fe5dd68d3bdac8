import { Module } from '@nestjs/common';
import { StatisticsController } from './statistics.controller';
import { StatisticsExports } from './statistics-exports';
import { StatisticsService } from './statistics.service';

/**
 * The statistics return (docs/statistics.md). It reads the tables of several features with SQL aggregates
 * (reporting owns no table and writes nothing); the statistics columns it reads are kept by the features
 * that own them, in their own transactions.
 */
@Module({
  controllers: [StatisticsController],
  providers: [StatisticsService, StatisticsExports],
  // The manager's web pages (src/web/oversight) render and download the return through the same exports.
  exports: [StatisticsExports],
})
export class StatisticsModule {}
