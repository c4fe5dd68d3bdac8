import { Global, Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DISCLOSURE_FACTS_READER, type DisclosureFactsReader, type DisclosureProgress } from '../../applications/public-api';
import { DISCLOSURE_REQUEST_FINAL_STATES, type DisclosureRequestState } from '../../workflow/disclosure-request.types';
import { DisclosureReturnEntity } from '../returns/disclosure-return.entity';
import { selectRows } from '../../database/select-rows';

const FINISHED: readonly DisclosureRequestState[] = DISCLOSURE_REQUEST_FINAL_STATES;

/**
 * The requests under an application, as applications reads them (applications owns the interface; this
 * feature provides it). Every request is terminal and checked once each has finished and some were checked:
 * a product rests on checked returns (docs/law.md §5; CoP06 3.14). Data was received before the authorisation
 * ended when some return holding rows that are shown arrived before then (not nil, not quarantined, not after
 * the end). Whether a final product was issued is the products feature's fact, not this one's.
 */
@Injectable()
export class DisclosureFactsProvider implements DisclosureFactsReader {
  async factsFor(manager: EntityManager, applicationId: string): Promise<DisclosureProgress> {
    const found = await selectRows<{ status: DisclosureRequestState; updated_at: string }>(
      manager,
      'SELECT status, updated_at FROM disclosure_request WHERE application_id = $1',
      [applicationId],
    );
    const rows = found.map((row) => ({ status: row.status, updatedAt: new Date(row.updated_at) }));
    const received = rows.length === 0 ? 0 : await manager.count(DisclosureReturnEntity, { where: { applicationId, afterEnd: false, nil: false, quarantined: false } });
    const allFinished = rows.length > 0 && rows.every((row) => FINISHED.includes(row.status));
    const lastFinished = allFinished ? Math.max(...rows.map((row) => row.updatedAt.getTime())) : null;
    return {
      facts: {
        disclosuresTerminalAndChecked: allFinished && rows.some((row) => row.status === 'checked'),
        dataReceivedBeforeEnd: received > 0,
      },
      requests: rows.length,
      allFinishedAt: lastFinished === null ? null : new Date(lastFinished),
    };
  }
}

/** Provides the reader to the whole application, applications included, which cannot import this feature. */
@Global()
@Module({
  providers: [DisclosureFactsProvider, { provide: DISCLOSURE_FACTS_READER, useExisting: DisclosureFactsProvider }],
  exports: [DISCLOSURE_FACTS_READER],
})
export class DisclosureFactsModule {}
