import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CspSeed } from './csp/csp-seed';
import { CspEntity } from './csp/csp.entity';
import { CspsController } from './csp/csps.controller';
import { CspsRepository } from './csp/csps.repository';
import { CspsService } from './csp/csps.service';

/** The disclosures feature's tables, registered with the data source by this module (docs/architecture.md §3). */
export const DISCLOSURES_ENTITIES = [CspEntity];

/**
 * Disclosures to communications service providers. So far the national CSP directory: `CspsService` is
 * how the rest of the service looks a CSP up, and `CspSeed` fills the demo directory.
 */
@Module({
  imports: [TypeOrmModule.forFeature(DISCLOSURES_ENTITIES)],
  controllers: [CspsController],
  providers: [CspsService, CspsRepository, CspSeed],
  exports: [CspsService],
})
export class DisclosuresModule {}
