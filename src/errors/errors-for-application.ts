import { Injectable, Module } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import type { CdErrorKind, CdErrorState } from '../workflow/cd-error.types';
import { CdErrorLinkEntity } from './cd-error-link.entity';
import { CdErrorEntity } from './cd-error.entity';

/** A register entry linked to an application, as the application's record lists it (docs/law.md §4). */
export interface LinkedError {
  id: string;
  status: CdErrorState;
  /** Null while the entry is not yet assessed. */
  kind: CdErrorKind | null;
  /** When it was entered in the register. */
  recordedAt: Date;
  discoveredAt: Date | null;
  /** When it was reported to the Investigatory Powers Commissioner; null when it has not been. */
  reportedAt: Date | null;
  /** Linked to the application itself. */
  linkedToApplication: boolean;
  /** The ids of the application's disclosure requests it is linked to. */
  disclosureRequestIds: string[];
}

/**
 * What other features read of the register about one application (docs/architecture.md §3: cross-feature
 * links are ids, read through the owner): the entries of the application's authority linked to it, or to
 * any of its disclosure requests, oldest first. Reads in the caller's unit of work; the caller has already
 * decided that its reader may see the application.
 */
@Injectable()
export class ErrorsForApplication {
  async linkedTo(
    manager: EntityManager,
    authorityId: string,
    applicationId: string,
    disclosureRequestIds: readonly string[] = [],
  ): Promise<LinkedError[]> {
    const links = await manager.find(CdErrorLinkEntity, {
      where: [
        { targetType: 'application', targetId: applicationId },
        ...(disclosureRequestIds.length ? [{ targetType: 'disclosureRequest' as const, targetId: In([...disclosureRequestIds]) }] : []),
      ],
    });
    if (links.length === 0) return [];
    const entries = await manager.find(CdErrorEntity, {
      where: { id: In([...new Set(links.map((l) => l.errorId))]), authorityId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return entries.map((entry) => {
      const own = links.filter((l) => l.errorId === entry.id);
      return {
        id: entry.id,
        status: entry.status as CdErrorState,
        kind: entry.kind as CdErrorKind | null,
        recordedAt: entry.createdAt,
        discoveredAt: entry.discoveredAt,
        reportedAt: entry.reportedAt,
        linkedToApplication: own.some((l) => l.targetType === 'application'),
        disclosureRequestIds: own.filter((l) => l.targetType === 'disclosureRequest').map((l) => l.targetId).sort(),
      };
    });
  }

  /**
   * The authority's entry `errorId` when it is linked to this application or disclosure request, else null: the
   * retention feature's check that data it is asked to destroy as acquired in error is what the entry is about.
   */
  async entryLinkedTo(
    manager: EntityManager,
    authorityId: string,
    errorId: string,
    target: { type: CdErrorLinkEntity['targetType']; id: string },
  ): Promise<{ id: string; status: CdErrorState; kind: CdErrorKind | null } | null> {
    const link = await manager.findOneBy(CdErrorLinkEntity, { errorId, targetType: target.type, targetId: target.id });
    if (link === null) return null;
    const entry = await manager.findOne(CdErrorEntity, { where: { id: errorId, authorityId }, select: { id: true, status: true, kind: true } });
    return entry === null ? null : { id: entry.id, status: entry.status as CdErrorState, kind: entry.kind as CdErrorKind | null };
  }

  /**
   * The entries of the authority raised from these source events (a return's failed checks: each check names the
   * `returnCheckFailed` event that raised it), by event id; an event the register has not taken in yet is absent.
   */
  async raisedFrom(manager: EntityManager, authorityId: string, sourceType: string, eventIds: readonly string[]): Promise<Map<string, { id: string; status: CdErrorState }>> {
    if (eventIds.length === 0) return new Map();
    const entries = await manager.find(CdErrorEntity, {
      where: { authorityId, sourceType, sourceEventId: In([...eventIds]) },
      select: { id: true, status: true, sourceEventId: true },
    });
    return new Map(entries.map((entry) => [entry.sourceEventId ?? '', { id: entry.id, status: entry.status as CdErrorState }]));
  }
}

/** Provides {@link ErrorsForApplication} to the features that import it through public-api.ts. */
@Module({ providers: [ErrorsForApplication], exports: [ErrorsForApplication] })
export class ErrorsForApplicationModule {}
