import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import type { PersonRef as PersonRefShape } from '../common/person-ref';
import type { HistoryKindWithImport, VerifyResult } from '../database/hash-chain';
import type { HistoryChanges as HistoryChangesShape, HistoryNote as HistoryNoteShape } from '../database/history-view';
import { ROLES, SYSTEM_SENDER } from '../workflow/roles';
import { nullableEnum } from './openapi';

/*
 * The hash-chained history as the API answers it (docs/architecture.md §11), shared by every aggregate:
 * each feature names its own entry and page classes (`ApplicationHistoryEntry`, `CdErrorHistoryEntry`)
 * extending these, so a feature that shows more of a row adds fields there without touching the other.
 */

/** Every kind a history row can have; `imported` occurs only in an application's history. */
const HISTORY_KINDS: readonly HistoryKindWithImport[] = ['created', 'edited', 'transition', 'imported'];

/** A person as a record shows them: who, by name, and the role they acted in. */
export class PersonRef implements Partial<PersonRefShape> {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null for someone who is not a user here (an OCDA officer a SPOC recorded)' })
  id!: string | null;
  @ApiProperty({ type: String, nullable: true }) displayName!: string | null;
  @ApiProperty(nullableEnum([...ROLES, SYSTEM_SENDER])) role!: PersonRefShape['role'];
  @ApiProperty({ type: String, nullable: true, description: 'the role in words' }) roleLabel!: string | null;
}

/** Something a person wrote or decided for the record, under what it is ("Reason", "Question"). */
export class HistoryNote implements Partial<HistoryNoteShape> {
  @ApiProperty() label!: string;
  @ApiProperty() text!: string;
}

/** What one history row changed. */
export class HistoryChanges implements Partial<HistoryChangesShape> {
  @ApiProperty({ type: [String], description: 'the fields written' }) fields!: string[];
  @ApiProperty({ type: [HistoryNote] }) notes!: HistoryNote[];
}

/** One row of an aggregate's history, its JSON parsed and its hashes as stored. */
export class HistoryEntry {
  @ApiProperty({ type: 'integer', description: 'global order across the history table' }) seq!: number;
  @ApiProperty({ type: 'integer', description: '1-based position in this record’s chain; the record’s version after the row' }) position!: number;
  @ApiProperty({
    enum: HISTORY_KINDS,
    description: '`imported` is the first row of a record made under RIPA 2000 and imported (applications only), in place of `created`',
  })
  kind!: HistoryKindWithImport;
  @ApiProperty({ type: String, nullable: true, description: 'the state before (null for the row that created or imported the record)' }) fromState!: string | null;
  @ApiProperty() toState!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the event of a transition; null for create, edit and import' }) eventType!: string | null;
  @ApiProperty({ format: 'uuid', description: 'who sent it (the scheduler is 00000000-0000-0000-0000-000000000000)' }) actorId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'whose decision it was, when not the sender’s' }) deciderId!: string | null;
  @ApiProperty({ type: [String] }) actorRoles!: string[];
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() machineVersion!: string;
  @ApiProperty({ description: 'what happened, in words' }) what!: string;
  @ApiProperty({ type: String, nullable: true }) fromStateLabel!: string | null;
  @ApiProperty() toStateLabel!: string;
  @ApiProperty({ type: () => PersonRef, description: 'who acted, by name and role' }) actor!: PersonRef;
  @ApiProperty({ type: () => HistoryChanges }) changes!: HistoryChanges;
  @ApiProperty({ description: 'one line a person reads: what happened and what it changed' }) summary!: string;
  @ApiProperty({ description: 'SHA-256 of the payload as stored' }) payloadDigest!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the retention decision that blanked the payload' }) payloadBlankedBy!: string | null;
  @ApiProperty() prevHash!: string;
  @ApiProperty() hash!: string;
}

/** `GET …/history/verify` when the chain is intact. */
export class HistoryVerified {
  @ApiProperty({ type: Boolean, enum: [true] }) valid!: true;
  @ApiProperty({ type: 'integer' }) rows!: number;
  @ApiProperty({ description: 'the last row’s hash, equal to the record’s history head' }) head!: string;
}

/** The first row at which a chain breaks. */
export class HistoryBreak {
  @ApiProperty({ type: 'integer', nullable: true, description: 'the row’s `seq`; null when rows are missing at the end' }) seq!: number | null;
  @ApiProperty({ type: 'integer' }) position!: number;
  @ApiProperty({ description: 'what is wrong, for a person' }) reason!: string;
  @ApiProperty({
    type: [String],
    required: false,
    description:
      'when the record itself was changed behind its history (issue 21): the fields of the stored record that differ from what its last history row committed to, by their names in the record (`status`, `form`, `expiresAt`…); the reason names them in words',
  })
  differs?: string[];
}

/** `GET …/history/verify` when the chain is broken: the first row at fault. */
export class HistoryBroken {
  @ApiProperty({ type: Boolean, enum: [false] }) valid!: false;
  @ApiProperty({ type: 'integer' }) rows!: number;
  @ApiProperty({ type: () => HistoryBreak }) firstBroken!: HistoryBreak;
}

/** `GET …/history/verify`: one of the two answers, told apart by `valid`. */
export function ApiHistoryVerifyResponse(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(HistoryVerified, HistoryBroken),
    ApiOkResponse({
      description: 'whether the chain is intact; if not, the first row at fault',
      schema: { oneOf: [{ $ref: getSchemaPath(HistoryVerified) }, { $ref: getSchemaPath(HistoryBroken) }] },
    }),
  );
}

/** Both ways round, so the two classes can neither miss nor invent a case of `VerifyResult`. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const VERIFY_RESULT_DOCUMENTED: Same<HistoryVerified | HistoryBroken, VerifyResult> = true;
