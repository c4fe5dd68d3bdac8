import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { INSTANT_LENGTH, instantTransformer } from '../database/instant.transformer';
import type { ProductHandling, ProductKind, WithholdableField } from './product-content';

/**
 * An issued product (docs/products.md): the content frozen when it was issued, as canonical JSON with its
 * SHA-256, and the SHA-256 of the PDF rendered from it once (the bytes are in `product_pdf`). The database
 * refuses any UPDATE or DELETE of the row (migration 1764020000000): a correction is a new product whose
 * `supersedesId` names this one, and the unique index lets a product be superseded once.
 */
@Entity('product')
@Index('ux_product_number', ['applicationId', 'productNumber'], { unique: true })
@Index('ux_product_supersedes', ['supersedesId'], { unique: true })
export class ProductEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { name: 'application_id', length: 36 })
  applicationId!: string;

  @Column('varchar', { name: 'authority_id', length: 36 })
  authorityId!: string;

  /** 1 for the application's first product, then 2, 3, … */
  @Column('integer', { name: 'product_number' })
  productNumber!: number;

  @Column('varchar', { length: 10 })
  kind!: ProductKind;

  @Column('varchar', { length: 20 })
  handling!: ProductHandling;

  @Column('varchar', { name: 'supersedes_id', length: 36, nullable: true })
  supersedesId!: string | null;

  @Column('text', { name: 'supersede_reason', nullable: true })
  supersedeReason!: string | null;

  @Column('varchar', { name: 'exhibit_reference', length: 100, nullable: true })
  exhibitReference!: string | null;

  /** The content as canonical JSON (RFC 8785): what the PDF was rendered from. */
  @Column('text')
  content!: string;

  @Column('varchar', { name: 'content_sha256', length: 64 })
  contentSha256!: string;

  @Column('varchar', { name: 'pdf_sha256', length: 64 })
  pdfSha256!: string;

  @Column('integer', { name: 'pdf_size' })
  pdfSize!: number;

  /** Returned rows the product carries. */
  @Column('integer', { name: 'row_count' })
  rowCount!: number;

  /** The SHA-256 of each CSP return the content uses, as the content records them (read without parsing it). */
  @Column('simple-json', { name: 'return_sha256s' })
  returnSha256s!: string[];

  /** What the content withholds (an intelligence product's), as the content records it. */
  @Column('simple-json')
  withheld!: WithholdableField[];

  @Column('varchar', { name: 'issued_by', length: 36 })
  issuedBy!: string;

  @Column('varchar', { name: 'issued_at', length: INSTANT_LENGTH, transformer: instantTransformer })
  issuedAt!: Date;
}
