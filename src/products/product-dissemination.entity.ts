import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { INSTANT_LENGTH, instantTransformer } from '../database/instant.transformer';

/** How a product reached someone: the SPOC sent it to a named recipient, or a reader downloaded its PDF. */
export const DISSEMINATION_ACTIONS = ['sent', 'downloaded'] as const;
export type DisseminationAction = (typeof DISSEMINATION_ACTIONS)[number];

/**
 * One entry of a product's dissemination log (docs/products.md §5): who received or downloaded it and when,
 * so that data found to be wrong can be recalled from everyone who had it (CoP06 on errors; docs/law.md §4).
 * Append-only: the database refuses UPDATE and DELETE (migration 1764020000000).
 */
@Entity('product_dissemination')
@Index('ux_product_dissemination_id', ['id'], { unique: true })
@Index('ix_product_dissemination_product', ['productId', 'seq'])
@Index('ix_product_dissemination_application', ['applicationId', 'seq'])
export class ProductDisseminationEntity {
  /** The order entries were written in, across the table: two at the same instant still have an order. */
  @PrimaryGeneratedColumn('increment')
  seq!: number;

  @Column('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { name: 'product_id', length: 36 })
  productId!: string;

  @Column('varchar', { name: 'application_id', length: 36 })
  applicationId!: string;

  @Column('varchar', { name: 'authority_id', length: 36 })
  authorityId!: string;

  @Column('varchar', { length: 20 })
  action!: DisseminationAction;

  /** Who received it: the named recipient of a sending, the reader of a download. */
  @Column('varchar', { name: 'recipient_id', length: 36 })
  recipientId!: string;

  /** Who did it: the SPOC who sent it, or the reader who downloaded it. */
  @Column('varchar', { name: 'by_id', length: 36 })
  byId!: string;

  /** Why it was sent, in the SPOC's words; null for a download. */
  @Column('text', { nullable: true })
  note!: string | null;

  @Column('varchar', { length: INSTANT_LENGTH, transformer: instantTransformer })
  at!: Date;
}
