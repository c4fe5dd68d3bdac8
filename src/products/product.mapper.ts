import { personRef, type DisplayNames, type PersonRef } from '../common/person-ref';
import type { DisseminationAction } from './product-dissemination.entity';
import type { ProductHandling, ProductKind, WithholdableField } from './product-content';
import type { DisseminationEntry, IssuedProduct } from './product-records';

/** A product as the API answers it (docs/products.md §6): what it is and its hashes, never its content. */
export interface ProductResponse {
  id: string;
  applicationId: string;
  productNumber: number;
  kind: ProductKind;
  handling: ProductHandling;
  exhibitReference: string | null;
  supersedes: { id: string; reason: string } | null;
  supersededBy: string | null;
  issuedAt: string;
  issuedBy: PersonRef;
  contentSha256: string;
  pdfSha256: string;
  pdfSize: number;
  rowCount: number;
  /** The SHA-256 of each CSP return it used. */
  returnSha256s: string[];
  withheld: WithholdableField[];
}

export interface DisseminationResponse {
  id: string;
  productId: string;
  productNumber: number;
  action: DisseminationAction;
  recipient: PersonRef;
  by: PersonRef;
  note: string | null;
  at: string;
}

export function toProductResponse(
  product: IssuedProduct & { applicationId: string; pdfSize: number; withheld: WithholdableField[] },
  names: DisplayNames,
): ProductResponse {
  return {
    id: product.id,
    applicationId: product.applicationId,
    productNumber: product.productNumber,
    kind: product.kind,
    handling: product.handling,
    exhibitReference: product.exhibitReference,
    supersedes: product.supersedesId ? { id: product.supersedesId, reason: product.supersedeReason ?? '' } : null,
    supersededBy: product.supersededById,
    issuedAt: product.issuedAt.toISOString(),
    issuedBy: personRef(product.issuedBy, 'spoc', names),
    contentSha256: product.contentSha256,
    pdfSha256: product.pdfSha256,
    pdfSize: product.pdfSize,
    rowCount: product.rowCount,
    returnSha256s: product.returnSha256s,
    withheld: product.withheld,
  };
}

export function toDisseminationResponse(entry: DisseminationEntry, names: DisplayNames): DisseminationResponse {
  return {
    id: entry.id,
    productId: entry.productId,
    productNumber: entry.productNumber,
    action: entry.action,
    recipient: personRef(entry.recipientId, null, names),
    by: personRef(entry.byId, entry.action === 'sent' ? 'spoc' : null, names),
    note: entry.note,
    at: entry.at.toISOString(),
  };
}
