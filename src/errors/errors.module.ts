import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { CdErrorDeadlines } from './cd-error-deadlines.service';
import { CdErrorHistory } from './cd-error-history';
import { CdErrorsController } from './cd-errors.controller';
import { CdErrorsService } from './cd-errors.service';
import { SuspectedErrorIntake } from './suspected-error-intake';

/** The authority's CD error register (docs/law.md §4): not exception plumbing, which lives in src/http. */
@Module({
  imports: [ApplicationsModule],
  controllers: [CdErrorsController],
  providers: [CdErrorsService, CdErrorHistory, SuspectedErrorIntake, CdErrorDeadlines],
  exports: [CdErrorDeadlines],
})
export class ErrorsModule {}
