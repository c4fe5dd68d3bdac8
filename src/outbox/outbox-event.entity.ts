import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { INSTANT_LENGTH, instantTransformer } from '../database/instant.transformer';

/** An effect written in the command's own transaction and dispatched after commit (docs/architecture.md §4 step 6–7). */
@Entity('outbox')
@Index('ix_outbox_pending', ['dispatchedAt', 'availableAt'])
export class OutboxEventEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { length: 100 })
  type!: string;

  @Column('simple-json')
  payload!: Record<string, unknown>;

  @Column('varchar', { name: 'created_at', length: INSTANT_LENGTH, transformer: instantTransformer })
  createdAt!: Date;

  /** Not before this instant: moved forward by the retry backoff. */
  @Column('varchar', { name: 'available_at', length: INSTANT_LENGTH, transformer: instantTransformer })
  availableAt!: Date;

  @Column('integer', { default: 0 })
  attempts!: number;

  @Column('text', { name: 'last_error', nullable: true })
  lastError!: string | null;

  @Column('varchar', { name: 'claimed_by', length: 36, nullable: true })
  claimedBy!: string | null;

  @Column('varchar', { name: 'claimed_at', length: INSTANT_LENGTH, nullable: true, transformer: instantTransformer })
  claimedAt!: Date | null;

  @Column('varchar', { name: 'dispatched_at', length: INSTANT_LENGTH, nullable: true, transformer: instantTransformer })
  dispatchedAt!: Date | null;

  /** Set when the attempts ran out: the event waits for a person, and the dashboard shows it. */
  @Column('varchar', { name: 'dead_at', length: INSTANT_LENGTH, nullable: true, transformer: instantTransformer })
  deadAt!: Date | null;
}
