import { Module } from '@nestjs/common';
import { PrincipalRepository } from '../auth/principal.repository';
import { ApplicationDeadlines } from './application-deadlines.service';
import { ApplicationLookup } from './application-lookup';
import { ApplicationEventsService } from './application-events.service';
import { ApplicationHistory } from './application-history';
import { ApplicationsController } from './applications.controller';
import { ApplicationsRepository } from './applications.repository';
import { ApplicationsService } from './applications.service';

@Module({
  controllers: [ApplicationsController],
  providers: [ApplicationDeadlines, ApplicationLookup, ApplicationsService, ApplicationEventsService, ApplicationsRepository, ApplicationHistory, PrincipalRepository],
  exports: [ApplicationsService, ApplicationDeadlines, ApplicationLookup],
})
export class ApplicationsModule {}
