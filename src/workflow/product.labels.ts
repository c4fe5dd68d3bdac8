/** A product's kind, handling and record types in words, for what a person reads (docs/architecture.md §14). */
import type { ProductHandling, ProductKind, ProductRecordType } from './product.types';

/** The returned data's tables, one per record type (docs/returns.md §2). */
export const RECORD_TYPE_LABELS: Readonly<Record<ProductRecordType, string>> = Object.freeze({
  subscriber: 'Subscriber details',
  callDataRecord: 'Call records',
  ipResolution: 'IP address resolutions',
});

export const PRODUCT_KIND_LABELS: Readonly<Record<ProductKind, string>> = Object.freeze({
  interim: 'Interim product',
  final: 'Final product',
});

export const PRODUCT_HANDLING_LABELS: Readonly<Record<ProductHandling, string>> = Object.freeze({
  intelligence: 'Intelligence product',
  evidential: 'Evidential product',
});
