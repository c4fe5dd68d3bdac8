import { Injectable } from '@nestjs/common';
import { HashChain } from '../../database/hash-chain';
import { DomainException } from '../../http/domain-exception';
import { staleMessage, type IfMatch } from '../../http/if-match';
import { DisclosureRequestEventEntity } from './disclosure-request-event.entity';

/** 412: as for applications and CD errors, for a disclosure request. */
export function staleRequest(version: number, ifMatch?: IfMatch): DomainException {
  return new DomainException('DISCLOSURE_REQUEST_STALE', staleMessage('disclosure request', version, ifMatch));
}

/** The disclosure requests' hash chain. */
@Injectable()
export class DisclosureRequestHistory extends HashChain<DisclosureRequestEventEntity> {
  constructor() {
    super(DisclosureRequestEventEntity, 'requestId', staleRequest);
  }
}
