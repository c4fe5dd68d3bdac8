import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { placeholder, placeholders } from '../database/sql-placeholders';

/**
 * A product's PDF, byte for byte as rendered when it was issued, in the database beside its row and in the
 * same transaction (docs/products.md §1). The table has no entity (its bytes column is `bytea` or `blob` by
 * driver: migration 1764020000000) and refuses UPDATE and DELETE.
 */
@Injectable()
export class ProductPdfStore {
  async write(tx: EntityManager, productId: string, pdf: Buffer): Promise<void> {
    await tx.query(`INSERT INTO product_pdf (product_id, data) VALUES (${placeholders(tx, 2)})`, [productId, pdf]);
  }

  async read(manager: EntityManager, productId: string): Promise<Buffer> {
    const rows = await manager.query<{ data: Buffer | Uint8Array }[]>(`SELECT data FROM product_pdf WHERE product_id = ${placeholder(manager, 1)}`, [productId]);
    if (rows.length === 0) throw new Error(`product ${productId} has no PDF`);
    return Buffer.from(rows[0].data);
  }
}
