import { ApiProperty } from '@nestjs/swagger';
import type { RipaImportResult } from './ripa-import.mapper';

/*
 * What the import of records made under RIPA 2000 answers, for the OpenAPI document and the clients
 * generated from it. Each class mirrors the mapper in ripa-import.mapper.ts.
 */

/** One imported record: now an application on the `ripa22` route, read with `GET /applications/{id}`. */
export class RipaImportedRecord implements Partial<RipaImportResult['items'][number]> {
  @ApiProperty({ format: 'uuid', description: 'the record’s id here: `GET /applications/{id}` reads it' }) id!: string;
  @ApiProperty({ description: 'the URN the record was given in the caller’s authority', example: 'TVP/CD/2026/000042' }) urn!: string;
  @ApiProperty({ description: 'the reference it was made under, as imported' }) originalReference!: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'its first line in the CSV file; null for JSON' }) line!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'its index in the JSON array; null for CSV' }) index!: number | null;
}

/** An import, all stored in one transaction. */
export class RipaImport implements Partial<RipaImportResult> {
  @ApiProperty({ format: 'uuid', description: 'the import’s id, kept in each record’s `imported` history row' }) batchId!: string;
  @ApiProperty({ type: 'integer', description: 'how many records were stored (every record of the upload)' }) imported!: number;
  @ApiProperty({ type: [RipaImportedRecord], description: 'the records in the upload’s order' }) items!: RipaImportedRecord[];
}
