import { Injectable } from '@nestjs/common';
import { type EntityManager, IsNull } from 'typeorm';
import type { DisclosureRequestState } from '../../workflow/disclosure-request.types';
import { DisclosureReturnCheckEntity } from './disclosure-return-check.entity';
import { DisclosureReturnEntity } from './disclosure-return.entity';

/**
 * Whether every check on every return of a request has been reviewed — accepted, or raised as an error —
 * which MARK_CHECKED needs (docs/architecture.md §7.2; docs/law.md §5; CoP06 3.14). A request with no
 * return has nothing checked yet, unless the CSP stated it holds no such data (`nilReturn`), when there is
 * nothing to check but the statement.
 */
@Injectable()
export class ReturnChecksReader {
  async allReviewed(manager: EntityManager, requestId: string, status: DisclosureRequestState): Promise<boolean> {
    const returns = await manager.count(DisclosureReturnEntity, { where: { requestId } });
    if (returns === 0) return status === 'nilReturn';
    const open = await manager.count(DisclosureReturnCheckEntity, { where: { requestId, reviewDecision: IsNull() } });
    return open === 0;
  }
}
