import { Column, type ValueTransformer } from 'typeorm';

/**
 * Instants are stored as fixed-width ISO-8601 UTC strings (`2026-11-23T03:41:02.000Z`) on both
 * databases: lexical order is time order, SQLite and PostgreSQL compare them the same way, and the
 * value in the hash chain is byte-for-byte the value in the row.
 */
export const INSTANT_LENGTH = 24;

export const instantTransformer: ValueTransformer = {
  to: (value: Date | null | undefined) => (value == null ? value : value.toISOString()),
  from: (value: string | null) => (value == null ? value : new Date(value)),
};

/** A nullable instant column (see above for why a string). */
export const NullableInstantColumn = (name: string) =>
  Column('varchar', { name, length: INSTANT_LENGTH, nullable: true, transformer: instantTransformer });
