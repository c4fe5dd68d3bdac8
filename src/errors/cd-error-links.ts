import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import { ApplicationLookup } from '../applications/public-api';
import { DomainException, type FieldError } from '../http/domain-exception';
import { CdErrorLinkEntity } from './cd-error-link.entity';
import type { CdErrorEntity } from './cd-error.entity';

/** The records an entry points at, by id: an absent list is left as it is, an empty one clears it. */
export interface CdErrorLinkIds {
  applicationIds?: string[];
  disclosureRequestIds?: string[];
}

/**
 * An entry's links to applications and disclosure requests (docs/architecture.md §3: cross-feature links are ids).
 * Applications are checked through the lookup applications offer; disclosure request ids are kept as given.
 */
@Injectable()
export class CdErrorLinks {
  constructor(private readonly applications: ApplicationLookup) {}

  /** The links of each of `ids`, by entry id (an entry without links is absent). */
  async of(manager: EntityManager, ids: string[]): Promise<Map<string, CdErrorLinkEntity[]>> {
    const rows = ids.length ? await manager.find(CdErrorLinkEntity, { where: { errorId: In(ids) } }) : [];
    const byError = new Map<string, CdErrorLinkEntity[]>();
    for (const link of rows) byError.set(link.errorId, [...(byError.get(link.errorId) ?? []), link]);
    return byError;
  }

  async ofEntry(manager: EntityManager, id: string): Promise<CdErrorLinkEntity[]> {
    return (await this.of(manager, [id])).get(id) ?? [];
  }

  /** The URNs of the linked applications that are `authorityId`'s, by application id. */
  urnsOf(manager: EntityManager, authorityId: string, links: readonly CdErrorLinkEntity[]): Promise<Map<string, string>> {
    return this.applications.urnsOf(manager, authorityId, links.filter((l) => l.targetType === 'application').map((l) => l.targetId));
  }

  /** Linked applications must be the authority's own: an entry never points into another authority. */
  async check(tx: EntityManager, authorityId: string, links: CdErrorLinkIds): Promise<void> {
    const ids = links.applicationIds ?? [];
    if (ids.length === 0) return;
    const known = await this.applications.urnsOf(tx, authorityId, ids);
    const errors: FieldError[] = ids
      .map((id, n) => ({ id, n }))
      .filter(({ id }) => !known.has(id))
      .map(({ n }) => ({ field: `applicationIds[${n}]`, message: 'no application of this authority has this id', code: 'unknownApplication' }));
    if (errors.length) throw new DomainException('VALIDATION_FAILED', 'An error entry can link only its authority’s applications.', { errors });
  }

  /** Stores the links of a new entry (already checked, after the entry's row). */
  async insert(tx: EntityManager, errorId: string, links: CdErrorLinkIds): Promise<void> {
    for (const targetId of new Set(links.applicationIds ?? [])) await tx.insert(CdErrorLinkEntity, { errorId, targetType: 'application', targetId });
    for (const targetId of new Set(links.disclosureRequestIds ?? [])) {
      await tx.insert(CdErrorLinkEntity, { errorId, targetType: 'disclosureRequest', targetId });
    }
  }

  /** Checks, then replaces each list that `links` names; a list it leaves out stays as it is. */
  async replace(tx: EntityManager, row: CdErrorEntity, links: CdErrorLinkIds): Promise<void> {
    await this.check(tx, row.authorityId, links);
    if (links.applicationIds !== undefined) await tx.delete(CdErrorLinkEntity, { errorId: row.id, targetType: 'application' });
    if (links.disclosureRequestIds !== undefined) await tx.delete(CdErrorLinkEntity, { errorId: row.id, targetType: 'disclosureRequest' });
    await this.insert(tx, row.id, links);
  }
}
