import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/public-api';
import { PrincipalsModule } from '../auth/principals.module';
import { AcquisitionsModule } from '../disclosures/public-api';
import { ErrorsForApplicationModule } from '../errors/public-api';
import { ProductRecordsModule } from '../products/public-api';
import { ApplicationRecordsController } from './application-records.controller';
import { ApplicationRecordsService } from './application-records.service';
import { DashboardModule } from './dashboard/dashboard.module';
import { StatisticsModule } from './statistics/statistics.module';

/**
 * Documents that gather what several features hold (docs/architecture.md §3): today the record of an
 * application for inspectors. It owns no table and writes nothing; it reads each feature through the read
 * interface that feature offers.
 */
@Module({
  // PrincipalsModule: the People read interface, to name who acted.
  imports: [ApplicationsModule, AcquisitionsModule, ProductRecordsModule, ErrorsForApplicationModule, PrincipalsModule, StatisticsModule, DashboardModule],
  controllers: [ApplicationRecordsController],
  providers: [ApplicationRecordsService],
  // The SPOC's product pages (src/web/products) download the record through the same service.
  exports: [ApplicationRecordsService],
})
export class ReportingModule {}
