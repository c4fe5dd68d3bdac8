import { Injectable } from '@nestjs/common';
import { HashChain } from '../database/hash-chain';
import { cdErrorEngine } from '../workflow/cd-error.engine';
import { replayFinding } from '../workflow/core/replay';
import { DomainException } from '../http/domain-exception';
import { staleMessage, type IfMatch } from '../http/if-match';
import { CdErrorEventEntity } from './cd-error-event.entity';
import { CD_ERROR_ROW } from './cd-error-row-digest';
import type { CdErrorEntity } from './cd-error.entity';

/** 412: as for applications (application-history.ts `stale`), for a register entry. */
export function staleError(version: number, ifMatch?: IfMatch): DomainException {
  return new DomainException('CD_ERROR_STALE', staleMessage('error entry', version, ifMatch));
}

/** The CD error register's hash chain, the entry's row checked against what its history last committed to (issue 21, item 1). */
@Injectable()
export class CdErrorHistory extends HashChain<CdErrorEventEntity, CdErrorEntity> {
  constructor() {
    super(CdErrorEventEntity, 'errorId', staleError, undefined, CD_ERROR_ROW, (row) => replayFinding(cdErrorEngine, row));
  }
}
