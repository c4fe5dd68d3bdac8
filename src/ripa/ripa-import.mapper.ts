import type { ImportedRecord } from '../applications/public-api';
import type { RecordPosition } from './ripa-import.parser';

/** A record of the upload as the service now holds it. */
export interface ImportedItem extends ImportedRecord {
  at: RecordPosition;
  originalReference: string;
}

export type RipaImportResult = ReturnType<typeof toRipaImportResult>;

/**
 * `POST /admin/ripa-records`'s answer: each record's new id and URN beside its original reference and where
 * it was in the upload (its CSV line or JSON index), in the upload's order.
 */
export function toRipaImportResult(batchId: string, items: readonly ImportedItem[]) {
  return {
    batchId,
    imported: items.length,
    items: items.map((item) => ({
      id: item.id,
      urn: item.urn,
      originalReference: item.originalReference,
      line: 'line' in item.at ? item.at.line : null,
      index: 'index' in item.at ? item.at.index : null,
    })),
  };
}
