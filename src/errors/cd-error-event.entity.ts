import { Column, Entity, Index } from 'typeorm';
import { HistoryRow } from '../database/hash-chain';

/** One row of a CD error's append-only, hash-chained history (docs/architecture.md §6: same shape as applications). */
@Entity('cd_error_event')
@Index('ux_cd_error_event_position', ['errorId', 'position'], { unique: true })
export class CdErrorEventEntity extends HistoryRow {
  @Column('varchar', { name: 'error_id', length: 36 })
  errorId!: string;
}
