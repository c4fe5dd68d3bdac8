import { Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/principal';
import { UnitOfWork } from '../../database/unit-of-work';
import { CspsService, ListCspsQuery, RETURN_CHECK_FAILED, type Csp } from '../../disclosures/public-api';
import { ErrorsForApplication } from '../../errors/public-api';

/** The directory is read a page at a time; this many pages of the largest size cover any national directory. */
const DIRECTORY_PAGES_MAX = 20;
const DIRECTORY_PAGE_SIZE = 100;

/** A failed check's suspected error in the register, once the register has taken it in. */
export interface RaisedError {
  id: string;
  status: string;
}

/**
 * What the acquisition pages read besides a request and its returns: the CSP directory as a SPOC lists it
 * (`GET /csps`, the same service), and the register entry each failed check raised (the check names its
 * `returnCheckFailed` event; the register keeps that event as the entry's source: src/errors/suspected-error-intake.ts).
 */
@Injectable()
export class AcquisitionReads {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly csps: CspsService,
    private readonly errors: ErrorsForApplication,
  ) {}

  /** The active CSPs of the directory, in its order. */
  async directory(principal: Principal): Promise<Csp[]> {
    const all: Csp[] = [];
    for (let page = 1; page <= DIRECTORY_PAGES_MAX; page += 1) {
      const query = Object.assign(new ListCspsQuery(), { page, pageSize: DIRECTORY_PAGE_SIZE });
      const { items, total } = await this.csps.list(principal, query);
      all.push(...items);
      if (all.length >= total || items.length === 0) break;
    }
    return all;
  }

  /**
   * The register entries raised by these checks' events, by event id, of the authority the reader serves (the
   * caller has already read the request, so its reader may see it). An event not yet relayed has no entry yet.
   */
  raisedErrors(principal: Principal, eventIds: readonly string[]): Promise<Map<string, RaisedError>> {
    return this.uow.read((m) => this.errors.raisedFrom(m, principal.authorityId, RETURN_CHECK_FAILED, eventIds));
  }
}
