import { Injectable } from '@nestjs/common';
import { HashChain } from '../database/hash-chain';
import { DomainException } from '../http/domain-exception';
import { staleMessage, type IfMatch } from '../http/if-match';
import { ApplicationEventEntity } from './application-event.entity';

/**
 * 412: the write's precondition failed (docs/architecture.md §4 step 4) — `If-Match` does not match the
 * record at `version`, or another write committed first after `version` was read.
 */
export function stale(version: number, ifMatch?: IfMatch): DomainException {
  return new DomainException('APPLICATION_STALE', staleMessage('application', version, ifMatch));
}

/** The applications' hash chain (docs/architecture.md §4 step 5). */
@Injectable()
export class ApplicationHistory extends HashChain<ApplicationEventEntity> {
  constructor() {
    super(ApplicationEventEntity, 'applicationId', stale);
  }
}
