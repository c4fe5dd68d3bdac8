import { Column, Entity, Index } from 'typeorm';
import { HistoryRow, type HistoryKindWithImport } from '../database/hash-chain';

/**
 * One row of an application's append-only, hash-chained history (docs/architecture.md §4 step 5). Besides
 * creations, edits and transitions, an application's history has `imported` rows: the first row of a record
 * made under RIPA 2000 s.22 and imported.
 */
@Entity('application_event')
@Index('ux_application_event_position', ['applicationId', 'position'], { unique: true })
export class ApplicationEventEntity extends HistoryRow<HistoryKindWithImport> {
  @Column('varchar', { name: 'application_id', length: 36 })
  applicationId!: string;
}
