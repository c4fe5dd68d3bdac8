import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ProductDisseminationEntity, type DisseminationAction } from './product-dissemination.entity';
import type { ProductHandling, ProductKind } from './product-content';
import { ProductEntity } from './product.entity';

/** Every column of a product but its content, which only its PDF shows: what listings read. */
export const PRODUCT_SUMMARY_COLUMNS = {
  id: true,
  applicationId: true,
  authorityId: true,
  productNumber: true,
  kind: true,
  handling: true,
  supersedesId: true,
  supersedeReason: true,
  exhibitReference: true,
  contentSha256: true,
  pdfSha256: true,
  pdfSize: true,
  rowCount: true,
  returnSha256s: true,
  withheld: true,
  issuedBy: true,
  issuedAt: true,
} as const satisfies Partial<Record<keyof ProductEntity, true>>;

/** A product row without its content. */
export type ProductSummary = Omit<ProductEntity, 'content'>;

/** An issued product as the application record shows it. */
export interface IssuedProduct {
  id: string;
  productNumber: number;
  kind: ProductKind;
  handling: ProductHandling;
  issuedAt: Date;
  issuedBy: string;
  pdfSha256: string;
  contentSha256: string;
  rowCount: number;
  supersedesId: string | null;
  supersedeReason: string | null;
  /** The product that replaced this one, if any. */
  supersededById: string | null;
  exhibitReference: string | null;
  /** The SHA-256 of each CSP return the product used, as its content records them. */
  returnSha256s: string[];
}

/** One entry of the dissemination log. */
export interface DisseminationEntry {
  id: string;
  productId: string;
  productNumber: number;
  action: DisseminationAction;
  recipientId: string;
  byId: string;
  note: string | null;
  at: Date;
}

/**
 * What other features read of an application's products (docs/architecture.md §3): the products issued,
 * oldest first, and every entry of their dissemination log, oldest first. The application record uses it.
 */
@Injectable()
export class ProductRecords {
  async forApplication(manager: EntityManager, applicationId: string): Promise<{ products: IssuedProduct[]; disseminations: DisseminationEntry[] }> {
    const rows = await manager.find(ProductEntity, { where: { applicationId }, order: { productNumber: 'ASC' }, select: PRODUCT_SUMMARY_COLUMNS });
    const log = await manager.find(ProductDisseminationEntity, { where: { applicationId }, order: { seq: 'ASC' } });
    const numbers = new Map(rows.map((row) => [row.id, row.productNumber]));
    const successors = new Map(rows.filter((row) => row.supersedesId).map((row) => [row.supersedesId as string, row.id]));
    return {
      products: rows.map((row) => toIssuedProduct(row, successors.get(row.id) ?? null)),
      disseminations: log.map((entry) => ({
        id: entry.id,
        productId: entry.productId,
        productNumber: numbers.get(entry.productId) ?? 0,
        action: entry.action,
        recipientId: entry.recipientId,
        byId: entry.byId,
        note: entry.note,
        at: entry.at,
      })),
    };
  }
}

export function toIssuedProduct(row: ProductSummary, supersededById: string | null): IssuedProduct {
  return {
    id: row.id,
    productNumber: row.productNumber,
    kind: row.kind,
    handling: row.handling,
    issuedAt: row.issuedAt,
    issuedBy: row.issuedBy,
    pdfSha256: row.pdfSha256,
    contentSha256: row.contentSha256,
    rowCount: row.rowCount,
    supersedesId: row.supersedesId,
    supersedeReason: row.supersedeReason,
    supersededById,
    exhibitReference: row.exhibitReference,
    returnSha256s: row.returnSha256s,
  };
}
