import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { id, instant, integer, ref, text, varchar } from './columns';
import { createImmutableTriggers, dropImmutableTriggers } from './immutable-table';

const IMMUTABLE = ['product', 'product_pdf', 'product_dissemination'];

/**
 * Products (docs/products.md): the issued product with its frozen content, the PDF rendered from it once, and
 * the dissemination log. All three refuse UPDATE and DELETE in the database. The PDF table has no entity: its
 * bytes column is `bytea` on PostgreSQL and `blob` on SQLite, which one entity decorator cannot say.
 */
export class Products1764020000000 implements MigrationInterface {
  name = 'Products1764020000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'product',
        columns: [
          id(),
          ref('application_id'),
          ref('authority_id'),
          integer('product_number'),
          varchar('kind', 10),
          varchar('handling', 20),
          ref('supersedes_id', true),
          text('supersede_reason', true),
          varchar('exhibit_reference', 100, true),
          text('content'),
          varchar('content_sha256', 64),
          varchar('pdf_sha256', 64),
          integer('pdf_size'),
          integer('row_count'),
          text('return_sha256s'),
          text('withheld'),
          ref('issued_by'),
          instant('issued_at'),
        ],
        indices: [
          new TableIndex({ name: 'ux_product_number', columnNames: ['application_id', 'product_number'], isUnique: true }),
          new TableIndex({ name: 'ux_product_supersedes', columnNames: ['supersedes_id'], isUnique: true }),
        ],
      }),
    );
    const bytes = q.connection.driver.options.type === 'postgres' ? 'bytea' : 'blob';
    await q.query(`CREATE TABLE product_pdf (product_id varchar(36) NOT NULL PRIMARY KEY, data ${bytes} NOT NULL)`);
    await q.createTable(
      new Table({
        name: 'product_dissemination',
        columns: [
          { name: 'seq', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          ref('id'),
          ref('product_id'), ref('application_id'), ref('authority_id'), varchar('action', 20), ref('recipient_id'), ref('by_id'), text('note', true), instant('at')],
        indices: [
          new TableIndex({ name: 'ux_product_dissemination_id', columnNames: ['id'], isUnique: true }),
          new TableIndex({ name: 'ix_product_dissemination_product', columnNames: ['product_id', 'seq'] }),
          new TableIndex({ name: 'ix_product_dissemination_application', columnNames: ['application_id', 'seq'] }),
        ],
      }),
    );
    for (const table of IMMUTABLE) await createImmutableTriggers(q, table);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of IMMUTABLE) await dropImmutableTriggers(q, table);
    await q.dropTable('product_dissemination');
    await q.query('DROP TABLE product_pdf');
    await q.dropTable('product');
  }
}
