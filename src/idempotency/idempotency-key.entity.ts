import { Column, Entity, PrimaryColumn } from 'typeorm';
import { INSTANT_LENGTH, instantTransformer } from '../database/instant.transformer';

/** A command's response stored under the caller's Idempotency-Key, written in the command's transaction. */
@Entity('idempotency_key')
export class IdempotencyKeyEntity {
  @PrimaryColumn('varchar', { name: 'user_id', length: 36 })
  userId!: string;

  @PrimaryColumn('varchar', { length: 200 })
  key!: string;

  @Column('varchar', { length: 10 })
  method!: string;

  @Column('varchar', { length: 500 })
  path!: string;

  /** sha256 of the canonical JSON of method, path and body. */
  @Column('varchar', { length: 64 })
  fingerprint!: string;

  @Column('integer')
  status!: number;

  @Column('text')
  response!: string;

  @Column('varchar', { name: 'created_at', length: INSTANT_LENGTH, transformer: instantTransformer })
  createdAt!: Date;

  @Column('varchar', { name: 'expires_at', length: INSTANT_LENGTH, transformer: instantTransformer })
  expiresAt!: Date;
}
