/**
 * Products and their dissemination log as the product pages show them (issue 20): codes in words from the
 * products' own label tables (src/workflow/product.labels.ts), the handling caveat in the words the PDF prints
 * on every page (docs/products.md §3), people by name, and which product supersedes which.
 */
import { HANDLING_CAVEATS, type DisseminationResponse, type ProductResponse } from '../../products/public-api';
import { PRODUCT_HANDLING_LABELS, PRODUCT_KIND_LABELS } from '../../workflow/product.labels';
import { WEB_PREFIX } from '../web-paths';

/** How a product reached someone, in words (docs/products.md §5). */
const ACTION_LABELS: Readonly<Record<DisseminationResponse['action'], string>> = Object.freeze({
  sent: 'Sent by the SPOC',
  downloaded: 'Downloaded',
});

/** The page of one product, which shows its handling caveat before its download. */
export const productPath = (productId: string): string => `${WEB_PREFIX}/products/${productId}`;

/** A product's name as people say it: "Final product 2". */
export function productName(product: Pick<ProductResponse, 'kind' | 'productNumber'>): string {
  return `${PRODUCT_KIND_LABELS[product.kind]} ${product.productNumber}`;
}

/** A product as a row of a list or the head of its own page. */
export function productView(product: ProductResponse, all: readonly ProductResponse[] = []) {
  const number = (id: string | null) => (id === null ? null : (all.find((p) => p.id === id)?.productNumber ?? null));
  return {
    id: product.id,
    applicationId: product.applicationId,
    name: productName(product),
    productNumber: product.productNumber,
    kindLabel: PRODUCT_KIND_LABELS[product.kind],
    handlingLabel: PRODUCT_HANDLING_LABELS[product.handling],
    caveat: HANDLING_CAVEATS[product.handling],
    exhibitReference: product.exhibitReference,
    issuedAt: product.issuedAt,
    issuedBy: product.issuedBy.displayName ?? 'Not recorded',
    rowCount: product.rowCount,
    pdfSize: product.pdfSize,
    pdfSha256: product.pdfSha256,
    supersedes: product.supersedes ? { id: product.supersedes.id, number: number(product.supersedes.id), reason: product.supersedes.reason } : null,
    supersededBy: product.supersededBy ? { id: product.supersededBy, number: number(product.supersededBy) } : null,
    href: productPath(product.id),
    pdfHref: `${productPath(product.id)}/pdf`,
  };
}
export type ProductView = ReturnType<typeof productView>;

/** One entry of the dissemination log, in words. */
export function disseminationView(entry: DisseminationResponse) {
  return {
    productNumber: entry.productNumber,
    action: ACTION_LABELS[entry.action],
    recipient: entry.recipient.displayName ?? 'Not recorded',
    by: entry.by.displayName ?? 'Not recorded',
    note: entry.note,
    at: entry.at,
  };
}

/** A size in bytes as people read it: "12 KB". */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
