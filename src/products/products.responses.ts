import { ApiProperty } from '@nestjs/swagger';
import { PersonRef } from '../http/history.responses';
import { DISSEMINATION_ACTIONS, type DisseminationAction } from './product-dissemination.entity';
import { PRODUCT_HANDLINGS, PRODUCT_KINDS, WITHHOLDABLE_FIELDS, type ProductHandling, type ProductKind, type WithholdableField } from './product-content';
import type { DisseminationResponse, ProductResponse } from './product.mapper';

/*
 * What the products endpoints answer (docs/architecture.md §8; docs/products.md), for the OpenAPI document and
 * the generated clients; `implements Partial<…>` lets the compiler check each member named here.
 */

export class SupersededProduct {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'why it was replaced' }) reason!: string;
}

export class Product implements Partial<ProductResponse> {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ type: 'integer', description: '1 for the application’s first product, then 2, 3, …' }) productNumber!: number;
  @ApiProperty({ enum: PRODUCT_KINDS }) kind!: ProductKind;
  @ApiProperty({ enum: PRODUCT_HANDLINGS }) handling!: ProductHandling;
  @ApiProperty({ type: String, nullable: true }) exhibitReference!: string | null;
  @ApiProperty({ type: () => SupersededProduct, nullable: true, description: 'the product this one corrects and replaces' }) supersedes!: SupersededProduct | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the product that replaced this one' }) supersededBy!: string | null;
  @ApiProperty({ format: 'date-time' }) issuedAt!: string;
  @ApiProperty({ type: () => PersonRef }) issuedBy!: PersonRef;
  @ApiProperty({ description: 'SHA-256 of the frozen content (canonical JSON), hex' }) contentSha256!: string;
  @ApiProperty({ description: 'SHA-256 of the PDF, hex; the PDF never changes' }) pdfSha256!: string;
  @ApiProperty({ type: 'integer' }) pdfSize!: number;
  @ApiProperty({ type: 'integer', description: 'returned rows it carries' }) rowCount!: number;
  @ApiProperty({ type: String, isArray: true, description: 'the SHA-256 of each CSP return it used, as received' }) returnSha256s!: string[];
  @ApiProperty({ enum: WITHHOLDABLE_FIELDS, isArray: true, description: 'what an intelligence product leaves out' }) withheld!: WithholdableField[];
}

export class ProductList {
  @ApiProperty({ type: () => Product, isArray: true }) items!: Product[];
}

export class Dissemination implements Partial<DisseminationResponse> {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty({ type: 'integer' }) productNumber!: number;
  @ApiProperty({ enum: DISSEMINATION_ACTIONS, description: 'sent to a named recipient by a SPOC, or downloaded by its reader' }) action!: DisseminationAction;
  @ApiProperty({ type: () => PersonRef }) recipient!: PersonRef;
  @ApiProperty({ type: () => PersonRef }) by!: PersonRef;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class DisseminationList {
  @ApiProperty({ type: () => Dissemination, isArray: true }) items!: Dissemination[];
}
