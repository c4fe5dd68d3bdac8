import { Injectable } from '@nestjs/common';
import { HashChain } from '../../database/hash-chain';
import { replayFinding } from '../../workflow/core/replay';
import { disclosureRequestEngine } from '../../workflow/disclosure-request.engine';
import { DomainException } from '../../http/domain-exception';
import { staleMessage, type IfMatch } from '../../http/if-match';
import { DisclosureRequestEventEntity } from './disclosure-request-event.entity';
import { DISCLOSURE_REQUEST_ROW } from './disclosure-request-row-digest';
import type { DisclosureRequestEntity } from './disclosure-request.entity';

/** 412: as for applications and CD errors, for a disclosure request. */
export function staleRequest(version: number, ifMatch?: IfMatch): DomainException {
  return new DomainException('DISCLOSURE_REQUEST_STALE', staleMessage('disclosure request', version, ifMatch));
}

/** The disclosure requests' hash chain, the request's row checked against what its history last committed to (issue 21, item 1). */
@Injectable()
export class DisclosureRequestHistory extends HashChain<DisclosureRequestEventEntity, DisclosureRequestEntity> {
  constructor() {
    super(DisclosureRequestEventEntity, 'requestId', staleRequest, undefined, DISCLOSURE_REQUEST_ROW, (row) => replayFinding(disclosureRequestEngine, row));
  }
}
