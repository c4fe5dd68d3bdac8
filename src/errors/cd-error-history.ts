import { Injectable } from '@nestjs/common';
import { HashChain } from '../database/hash-chain';
import { DomainException } from '../http/domain-exception';
import { staleMessage, type IfMatch } from '../http/if-match';
import { CdErrorEventEntity } from './cd-error-event.entity';

/** 412: as for applications (application-history.ts `stale`), for a register entry. */
export function staleError(version: number, ifMatch?: IfMatch): DomainException {
  return new DomainException('CD_ERROR_STALE', staleMessage('error entry', version, ifMatch));
}

/** The CD error register's hash chain. */
@Injectable()
export class CdErrorHistory extends HashChain<CdErrorEventEntity> {
  constructor() {
    super(CdErrorEventEntity, 'errorId', staleError);
  }
}
