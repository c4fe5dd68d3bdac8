import { Injectable } from '@nestjs/common';
import { HashChain } from '../database/hash-chain';
import { DomainException } from '../http/domain-exception';
import { CdErrorEventEntity } from './cd-error-event.entity';

/** 409: the register entry changed since `version` was read. */
export function staleError(version: number): DomainException {
  return new DomainException('CD_ERROR_STALE', `The error entry has changed since version ${version} was read; reload it and try again.`);
}

/** The CD error register's hash chain. */
@Injectable()
export class CdErrorHistory extends HashChain<CdErrorEventEntity> {
  constructor() {
    super(CdErrorEventEntity, 'errorId', staleError);
  }
}
