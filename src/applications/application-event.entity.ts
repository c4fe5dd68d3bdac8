import { Column, Entity, Index } from 'typeorm';
import { HistoryRow, type HistoryKindWithImport } from '../database/hash-chain';

/**
 * One row of an application's append-only, hash-chained history (docs/architecture.md §4 step 5). Besides
 * creations, edits and transitions, an application's history has `imported` rows: the first row of a record
 * made under RIPA 2000 s.22 and imported. The (event, instant) index serves the statistics return, which counts
 * history rows by event within a period (docs/statistics.md §3).
 */
@Entity('application_event')
@Index('ux_application_event_position', ['applicationId', 'position'], { unique: true })
// Covers the statistics return's history queries (migrations/1764040000000-statistics-covering-indexes.ts).
@Index('ix_application_event_statistics', ['eventType', 'at', 'toState', 'applicationId', 'reasonCode'])
export class ApplicationEventEntity extends HistoryRow<HistoryKindWithImport> {
  @Column('varchar', { name: 'application_id', length: 36 })
  applicationId!: string;

  /**
   * The category of a SPOC's reason (RETURN_TO_APPLICANT, DECLINE), copied from the payload for the
   * statistics return to group by (docs/statistics.md §2). Not hashed itself: the payload it comes from is.
   */
  @Column('varchar', { name: 'reason_code', length: 40, nullable: true })
  reasonCode!: string | null;
}
