import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import { isUniqueViolation } from '../../database/query-errors';
import { updateVersioned } from '../../database/versioned-update';
import { DomainException, type FieldError } from '../../http/domain-exception';
import { staleMessage, type IfMatch } from '../../http/if-match';
import { CspEntity } from './csp.entity';

/** 412 `CSP_STALE`: the CSP is no longer at the version the caller read. */
export function cspStale(version: number, ifMatch?: IfMatch): DomainException {
  return new DomainException('CSP_STALE', staleMessage('CSP', version, ifMatch));
}

/** 409 `CSP_DUPLICATE`, naming each field another CSP already holds. */
export function cspDuplicate(fields: readonly ('code' | 'etsiEndpointId')[]): DomainException {
  const errors: FieldError[] = fields.map((field) => ({
    field,
    code: 'unique',
    message: field === 'code' ? 'another CSP already has this code' : 'another CSP already has this ETSI endpoint identifier',
  }));
  return new DomainException('CSP_DUPLICATE', `Another CSP already has this ${fields.join(' and ')}; each must be unique in the directory.`, { errors });
}

/** Which unique index a violation hit, from the index's name (PostgreSQL) or the column (SQLite). */
function duplicateFields(error: unknown): ('code' | 'etsiEndpointId')[] {
  const text = error instanceof Error ? `${error.message} ${String((error as { driverError?: { constraint?: string } }).driverError?.constraint ?? '')}` : '';
  if (text.includes('etsi_endpoint_id')) return ['etsiEndpointId'];
  if (/ux_csp_code|csp\.code/.test(text)) return ['code'];
  return ['code', 'etsiEndpointId'];
}

/** The directory's queries, in the caller's transaction (the `EntityManager` it passes). */
@Injectable()
export class CspsRepository {
  findById(manager: EntityManager, id: string): Promise<CspEntity | null> {
    return manager.findOneBy(CspEntity, { id });
  }

  findByIds(manager: EntityManager, ids: readonly string[]): Promise<CspEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : manager.findBy(CspEntity, { id: In([...ids]) });
  }

  findByEtsiEndpointId(manager: EntityManager, etsiEndpointId: string): Promise<CspEntity | null> {
    return manager.findOneBy(CspEntity, { etsiEndpointId });
  }

  /** One page of the directory by name (then id); inactive CSPs only when asked. */
  async list(manager: EntityManager, q: { includeInactive: boolean; page: number; pageSize: number }): Promise<{ rows: CspEntity[]; total: number }> {
    const qb = manager.createQueryBuilder(CspEntity, 'c');
    if (!q.includeInactive) qb.where('c.active = :active', { active: true });
    const [rows, total] = await qb
      .orderBy('c.name', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    return { rows, total };
  }

  /** The fields of `candidate` another CSP (not `exceptId`) already holds. */
  async duplicates(
    manager: EntityManager,
    candidate: { code: string; etsiEndpointId: string | null },
    exceptId: string | null,
  ): Promise<('code' | 'etsiEndpointId')[]> {
    const clashes: ('code' | 'etsiEndpointId')[] = [];
    const byCode = await manager.findOneBy(CspEntity, { code: candidate.code });
    if (byCode && byCode.id !== exceptId) clashes.push('code');
    if (candidate.etsiEndpointId !== null) {
      const byEndpoint = await manager.findOneBy(CspEntity, { etsiEndpointId: candidate.etsiEndpointId });
      if (byEndpoint && byEndpoint.id !== exceptId) clashes.push('etsiEndpointId');
    }
    return clashes;
  }

  /** The unique indexes settle a race the check before it lost (two writers at once, on PostgreSQL). */
  async insert(tx: EntityManager, row: CspEntity): Promise<void> {
    try {
      await tx.insert(CspEntity, row);
    } catch (error) {
      if (isUniqueViolation(error)) throw cspDuplicate(duplicateFields(error));
      throw error;
    }
  }

  /** The conditional UPDATE on the version: 412 `CSP_STALE` when someone got there first. */
  async saveVersioned(tx: EntityManager, row: CspEntity, changes: Partial<CspEntity>): Promise<CspEntity> {
    try {
      return await updateVersioned(tx, CspEntity, row, changes, (version) => cspStale(version));
    } catch (error) {
      if (isUniqueViolation(error)) throw cspDuplicate(duplicateFields(error));
      throw error;
    }
  }
}
