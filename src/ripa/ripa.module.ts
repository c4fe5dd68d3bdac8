import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { text } from 'express';
import { ApplicationsModule } from '../applications/public-api';
import { RIPA_CSV_MAX_BYTES } from './ripa-import.limits';
import { RipaImportService } from './ripa-import.service';
import { RipaRecordsController } from './ripa-records.controller';

/**
 * Records made under RIPA 2000 Part 1 Chapter 2, imported so that an authority keeps, produces and reports
 * on them beside its IPA applications. It owns no table: applications stores the records, through the
 * import interface it offers (docs/architecture.md §3).
 */
@Module({
  imports: [ApplicationsModule],
  controllers: [RipaRecordsController],
  providers: [RipaImportService],
})
export class RipaModule implements NestModule {
  /** Express parses JSON for every route; this route alone also reads a CSV body, up to its own limit. */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(text({ type: 'text/csv', limit: RIPA_CSV_MAX_BYTES })).forRoutes({ path: 'admin/ripa-records', method: RequestMethod.POST });
  }
}
