import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { text } from 'express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CspSeed } from './csp/csp-seed';
import { CspEntity } from './csp/csp.entity';
import { CspsController } from './csp/csps.controller';
import { CspsRepository } from './csp/csps.repository';
import { CspsService } from './csp/csps.service';
import { ApplicationsModule } from '../applications/public-api';
import { PrincipalsModule } from '../auth/principals.module';
import { ApplicationEndHandler } from './requests/application-end.handler';
import { DisclosureFactsModule } from './requests/disclosure-facts.provider';
import { DisclosureRequestEventEntity } from './requests/disclosure-request-event.entity';
import { DisclosureRequestHistory } from './requests/disclosure-request-history';
import { DisclosureRequestEntity } from './requests/disclosure-request.entity';
import { ApplicationDisclosureRequestsController, DisclosureRequestsController } from './requests/disclosure-requests.controller';
import { DisclosureRequestsService } from './requests/disclosure-requests.service';
import { AcquiredRecordEntity } from './returns/acquired-record.entity';
import { AcquiredRecordWriter } from './returns/acquired-record-writer';
import { DisclosureReturnCheckEntity } from './returns/disclosure-return-check.entity';
import { DisclosureReturnEntity } from './returns/disclosure-return.entity';
import { DisclosureReturnsController } from './returns/disclosure-returns.controller';
import { DisclosureReturnsService } from './returns/disclosure-returns.service';
import { ReturnChecksReader } from './returns/return-checks.reader';
import { ReturnFileStore } from './returns/return-file-store';
import { RequestSummaryModule } from './requests/request-summary.provider';
import { CSP_LIST_MAX_BYTES } from './reverse-audit/csp-disclosure-list';
import { ReverseAuditEntity } from './reverse-audit/reverse-audit.entity';
import { ReverseAuditsController } from './reverse-audit/reverse-audits.controller';
import { ReverseAuditsService } from './reverse-audit/reverse-audits.service';

/** The disclosures feature's tables, registered with the data source by this module (docs/architecture.md §3). */
export const DISCLOSURES_ENTITIES = [
  CspEntity,
  DisclosureRequestEntity,
  DisclosureRequestEventEntity,
  DisclosureReturnEntity,
  DisclosureReturnCheckEntity,
  AcquiredRecordEntity,
  ReverseAuditEntity,
];

/**
 * Disclosures to communications service providers: the national CSP directory (`CspsService` is how the
 * rest of the service looks a CSP up, `CspSeed` fills the demo directory), and the requests made to CSPs
 * under an authorisation, with their standard export and copy pack, cancelled when the authorisation ends.
 */
@Module({
  // ApplicationsModule: the read interface for the application a request belongs to; PrincipalsModule: names in the history.
  imports: [TypeOrmModule.forFeature(DISCLOSURES_ENTITIES), ApplicationsModule, PrincipalsModule, DisclosureFactsModule, RequestSummaryModule],
  controllers: [CspsController, ApplicationDisclosureRequestsController, DisclosureRequestsController, DisclosureReturnsController, ReverseAuditsController],
  providers: [
    CspsService,
    CspsRepository,
    CspSeed,
    DisclosureRequestsService,
    DisclosureRequestHistory,
    ApplicationEndHandler,
    DisclosureReturnsService,
    ReturnChecksReader,
    ReturnFileStore,
    AcquiredRecordWriter,
    ReverseAuditsService,
  ],
  // The web pages call the same services as the API's controllers (src/web/acquisition).
  exports: [CspsService, DisclosureRequestsService, DisclosureReturnsService],
})
export class DisclosuresModule implements NestModule {
  /** Express parses JSON for every route; the reverse audit also reads the CSP's list as CSV, up to its own limit. */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(text({ type: 'text/csv', limit: CSP_LIST_MAX_BYTES })).forRoutes({ path: 'reverse-audits', method: RequestMethod.POST });
  }
}
