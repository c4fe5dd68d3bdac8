import { Column, Entity, Index } from 'typeorm';
import { HistoryRow } from '../database/hash-chain';

/** One row of an application's append-only, hash-chained history (docs/architecture.md §4 step 5). */
@Entity('application_event')
@Index('ux_application_event_position', ['applicationId', 'position'], { unique: true })
export class ApplicationEventEntity extends HistoryRow {
  @Column('varchar', { name: 'application_id', length: 36 })
  applicationId!: string;
}
