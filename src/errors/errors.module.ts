import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationsModule } from '../applications/public-api';
import { PrincipalsModule } from '../auth/principals.module';
import { CdErrorDeadlines } from './cd-error-deadlines.service';
import { CdErrorEventEntity } from './cd-error-event.entity';
import { CdErrorHistory } from './cd-error-history';
import { CdErrorLinkEntity } from './cd-error-link.entity';
import { CdErrorLinks } from './cd-error-links';
import { CdErrorReports } from './cd-error-reports.service';
import { CdErrorEntity } from './cd-error.entity';
import { CdErrorsController } from './cd-errors.controller';
import { CdErrorsRepository } from './cd-errors.repository';
import { CdErrorsService } from './cd-errors.service';
import { SuspectedErrorIntake } from './suspected-error-intake';

/** The register's tables, registered with the data source by this module (docs/architecture.md §3). */
export const ERRORS_ENTITIES = [CdErrorEntity, CdErrorLinkEntity, CdErrorEventEntity];

/** The authority's CD error register (docs/law.md §4): not exception plumbing, which lives in src/http. */
@Module({
  // PrincipalsModule: the People read interface, to name who made each history row.
  imports: [TypeOrmModule.forFeature(ERRORS_ENTITIES), ApplicationsModule, PrincipalsModule],
  controllers: [CdErrorsController],
  providers: [CdErrorsService, CdErrorsRepository, CdErrorLinks, CdErrorReports, CdErrorHistory, SuspectedErrorIntake, CdErrorDeadlines],
  // CdErrorsService and CdErrorReports: the manager's web pages call them as the controller does (src/web/errors).
  exports: [CdErrorDeadlines, CdErrorsService, CdErrorReports],
})
export class ErrorsModule {}
