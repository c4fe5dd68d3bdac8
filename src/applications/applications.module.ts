import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PrincipalsModule } from '../auth/principals.module';
import { ApplicationAuthorityModule } from './application-authority.provider';
import { ApplicationDeadlines } from './application-deadlines.service';
import { ApplicationEventEntity } from './application-event.entity';
import { ApplicationEventsService } from './application-events.service';
import { ApplicationHistory } from './application-history';
import { ApplicationIdentifierWindowEntity } from './application-identifier-window.entity';
import { ApplicationImports } from './application-imports';
import { ApplicationLookup } from './application-lookup';
import { ApplicationOverlaps } from './application-overlaps';
import { ApplicationRecords } from './application-records';
import { ApplicationTeamMemberEntity } from './application-team-member.entity';
import { ApplicationEntity } from './application.entity';
import { ApplicationStatisticsEntity, ApplicationStatisticsItemEntity, ApplicationStatisticsSubjectEntity } from './application-statistics.entity';
import { ApplicationsController } from './applications.controller';
import { ApplicationsRepository } from './applications.repository';
import { ApplicationsService } from './applications.service';
import { IdentifierWindows } from './identifier-windows';
import { UrnCounterEntity } from './urn-counter.entity';

/** The tables applications own, registered with the data source by this module (docs/architecture.md §3). */
export const APPLICATIONS_ENTITIES = [ApplicationEntity, ApplicationTeamMemberEntity, ApplicationEventEntity, UrnCounterEntity, ApplicationIdentifierWindowEntity, ApplicationStatisticsEntity, ApplicationStatisticsItemEntity, ApplicationStatisticsSubjectEntity];

@Module({
  imports: [TypeOrmModule.forFeature(APPLICATIONS_ENTITIES), PrincipalsModule, ApplicationAuthorityModule],
  controllers: [ApplicationsController],
  providers: [
    ApplicationDeadlines,
    ApplicationLookup,
    ApplicationImports,
    ApplicationsService,
    ApplicationEventsService,
    ApplicationsRepository,
    ApplicationHistory,
    ApplicationOverlaps,
    ApplicationRecords,
    IdentifierWindows,
  ],
  // The read interfaces, the import interface and the index of identifier windows other features use
  // (through public-api.ts); nothing else leaves the module.
  exports: [ApplicationLookup, ApplicationRecords, ApplicationImports, IdentifierWindows, ApplicationsService, ApplicationEventsService, ApplicationOverlaps],
})
export class ApplicationsModule {}
