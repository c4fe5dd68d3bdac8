import { Injectable } from '@nestjs/common';
import { HashChain } from '../database/hash-chain';
import { applicationEngine } from '../workflow/application.engine';
import { replayFinding } from '../workflow/core/replay';
import { DomainException } from '../http/domain-exception';
import { staleMessage, type IfMatch } from '../http/if-match';
import { ApplicationEventEntity } from './application-event.entity';
import { APPLICATION_ROW } from './application-row-digest';
import type { ApplicationEntity } from './application.entity';

/**
 * 412: the write's precondition failed (docs/architecture.md §4 step 4) — `If-Match` does not match the
 * record at `version`, or another write committed first after `version` was read.
 */
export function stale(version: number, ifMatch?: IfMatch): DomainException {
  return new DomainException('APPLICATION_STALE', staleMessage('application', version, ifMatch));
}

/** Events whose reason the SPOC categorises, for the statistics return (docs/statistics.md §2). */
export const SPOC_REASON_EVENTS: ReadonlySet<string | null> = new Set(['RETURN_TO_APPLICANT', 'DECLINE']);

/** The category of a SPOC's reason a row's payload gives, copied to `reason_code` for the statistics (docs/statistics.md §3). */
export function reasonCodeOf(row: { eventType: string | null; payload: unknown }): Pick<ApplicationEventEntity, 'reasonCode'> {
  const code = SPOC_REASON_EVENTS.has(row.eventType) && typeof row.payload === 'object' && row.payload !== null ? (row.payload as { reasonCode?: unknown }).reasonCode : null;
  return { reasonCode: typeof code === 'string' ? code : null };
}

/**
 * The applications' hash chain (docs/architecture.md §4 step 5), with the category of a SPOC's reason indexed and
 * the application's row checked against what its history last committed to (issue 21, item 1).
 */
@Injectable()
export class ApplicationHistory extends HashChain<ApplicationEventEntity, ApplicationEntity> {
  constructor() {
    super(ApplicationEventEntity, 'applicationId', stale, reasonCodeOf, APPLICATION_ROW, (row) => replayFinding(applicationEngine, row));
  }
}
