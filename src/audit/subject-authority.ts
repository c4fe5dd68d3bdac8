import type { EntityManager } from 'typeorm';

/**
 * Which authority a record an inspector reads belongs to, so the reading is filed in that authority's stream, where
 * its SRO sees it (issue 24, items 1 and 3). Provided by the feature that owns the records inspectors read (the
 * applications); the audit stream imports no feature.
 */
export interface SubjectAuthority {
  /** The authority of the record `subjectId`; null when no record of the owner has that id. */
  authorityOf(manager: EntityManager, subjectId: string): Promise<string | null>;
}

export const SUBJECT_AUTHORITY = Symbol('SUBJECT_AUTHORITY');
