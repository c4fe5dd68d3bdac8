import { Global, Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { REQUEST_SUMMARY_READER, type RequestSummary, type RequestSummaryReader } from '../../applications/public-api';
import type { DisclosureRequestState } from '../../workflow/disclosure-request.types';
import { CspEntity } from '../csp/csp.entity';
import { DisclosureRequestEntity } from './disclosure-request.entity';

/**
 * The requests the duplicate-acquisition warning lists, as applications reads them (applications owns the
 * interface and has chosen the requests through their applications' need-to-know; this feature provides it):
 * each request's status and the name its CSP has in the directory now.
 */
@Injectable()
export class RequestSummaryProvider implements RequestSummaryReader {
  async summariesOf(manager: EntityManager, ids: readonly string[]): Promise<Map<string, RequestSummary>> {
    if (ids.length === 0) return new Map();
    const rows = await manager
      .createQueryBuilder(DisclosureRequestEntity, 'r')
      .innerJoin(CspEntity, 'c', 'c.id = r.csp_id')
      .select('r.id', 'id')
      .addSelect('r.status', 'status')
      .addSelect('c.id', 'csp_id')
      .addSelect('c.name', 'csp_name')
      .where('r.id IN (:...ids)', { ids: [...ids] })
      .getRawMany<{ id: string; status: DisclosureRequestState; csp_id: string; csp_name: string }>();
    return new Map(rows.map((row) => [row.id, { status: row.status, cspId: row.csp_id, cspName: row.csp_name }]));
  }
}

/** Provides the reader to the whole application, applications included, which cannot import this feature. */
@Global()
@Module({
  providers: [RequestSummaryProvider, { provide: REQUEST_SUMMARY_READER, useExisting: RequestSummaryProvider }],
  exports: [REQUEST_SUMMARY_READER],
})
export class RequestSummaryModule {}
