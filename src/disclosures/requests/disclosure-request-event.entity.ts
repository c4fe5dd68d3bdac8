import { Column, Entity, Index } from 'typeorm';
import { HistoryRow } from '../../database/hash-chain';

/** One row of a disclosure request's append-only, hash-chained history (docs/architecture.md §6, §11). */
@Entity('disclosure_request_event')
@Index('ux_disclosure_request_event_position', ['requestId', 'position'], { unique: true })
export class DisclosureRequestEventEntity extends HistoryRow {
  @Column('varchar', { name: 'request_id', length: 36 })
  requestId!: string;
}
