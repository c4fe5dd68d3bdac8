/**
 * A product's kinds, handlings and record types, as vocabulary (docs/products.md §1–§3): pure data, so what
 * renders a document (a worker thread) reads it without loading the products feature.
 */

export const PRODUCT_KINDS = ['interim', 'final'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];

export const PRODUCT_HANDLINGS = ['intelligence', 'evidential'] as const;
export type ProductHandling = (typeof PRODUCT_HANDLINGS)[number];

export const PRODUCT_RECORD_TYPES = ['subscriber', 'callDataRecord', 'ipResolution'] as const;
export type ProductRecordType = (typeof PRODUCT_RECORD_TYPES)[number];
