import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import { ApplicationEntity } from './application.entity';

/**
 * The read interface applications offer later features (docs/architecture.md §3: cross-feature links are ids; a
 * feature reads another's facts through what the owner provides, and never changes its rows).
 */
@Injectable()
export class ApplicationLookup {
  /** The URN of each of `ids` that is an application of `authorityId` (others are simply absent). */
  async urnsOf(manager: EntityManager, authorityId: string, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await manager.find(ApplicationEntity, { where: { id: In([...ids]), authorityId }, select: { id: true, urn: true } });
    return new Map(rows.map((r) => [r.id, r.urn]));
  }
}
