import { Column, Entity, PrimaryColumn } from 'typeorm';
import { INSTANT_LENGTH, instantTransformer } from '../database/instant.transformer';

/** One row per (event, handler) that has run: the key that makes handlers idempotent by event id. */
@Entity('outbox_delivery')
export class OutboxDeliveryEntity {
  @PrimaryColumn('varchar', { name: 'event_id', length: 36 })
  eventId!: string;

  @PrimaryColumn('varchar', { length: 100 })
  handler!: string;

  @Column('varchar', { name: 'delivered_at', length: INSTANT_LENGTH, transformer: instantTransformer })
  deliveredAt!: Date;
}
