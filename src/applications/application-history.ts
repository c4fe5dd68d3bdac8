import { Injectable } from '@nestjs/common';
import { HashChain } from '../database/hash-chain';
import { DomainException } from '../http/domain-exception';
import { ApplicationEventEntity } from './application-event.entity';

/** 409: the application changed since `version` was read (docs/architecture.md §4 step 4). */
export function stale(version: number): DomainException {
  return new DomainException(
    'APPLICATION_STALE',
    `The application has changed since version ${version} was read; reload it and try again.`,
  );
}

/** The applications' hash chain (docs/architecture.md §4 step 5). */
@Injectable()
export class ApplicationHistory extends HashChain<ApplicationEventEntity> {
  constructor() {
    super(ApplicationEventEntity, 'applicationId', stale);
  }
}
