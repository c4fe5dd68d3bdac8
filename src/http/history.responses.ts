import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProperty, ApiSchema, getSchemaPath } from '@nestjs/swagger';
import type { HistoryKind, VerifyResult } from '../database/hash-chain';

/*
 * The hash-chained history as the API answers it (docs/architecture.md §11), shared by every aggregate:
 * each feature names its own entry and page classes (`ApplicationHistoryEntry`, `CdErrorHistoryEntry`)
 * extending these, so a feature that shows more of a row adds fields there without touching the other.
 */

const HISTORY_KINDS: readonly HistoryKind[] = ['created', 'edited', 'transition'];

/** JSON as it was recorded (an event body, the guard inputs): its shape is the writer's, not the API's. */
@ApiSchema({ description: 'A JSON object as it was recorded; its members depend on the row kind and event.' })
export class RecordedJson {}

/** One row of an aggregate's history, its JSON parsed and its hashes as stored. */
export class HistoryEntry {
  @ApiProperty({ type: 'integer', description: 'global order across the history table' }) seq!: number;
  @ApiProperty({ type: 'integer', description: '1-based position in this record’s chain; the record’s version after the row' }) position!: number;
  @ApiProperty({ enum: HISTORY_KINDS }) kind!: HistoryKind;
  @ApiProperty({ type: String, nullable: true, description: 'the state before (null for the row that created the record)' }) fromState!: string | null;
  @ApiProperty() toState!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the event of a transition; null for create and edit' }) eventType!: string | null;
  @ApiProperty({ format: 'uuid', description: 'who sent it (the scheduler is 00000000-0000-0000-0000-000000000000)' }) actorId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'whose decision it was, when not the sender’s' }) deciderId!: string | null;
  @ApiProperty({ type: [String] }) actorRoles!: string[];
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() machineVersion!: string;
  @ApiProperty({ type: () => RecordedJson, nullable: true, description: 'what the guards saw, for a replay; null for create and edit' })
  guardInputs!: RecordedJson | null;
  @ApiProperty({ type: () => RecordedJson, nullable: true, description: 'what was written; null once blanked under a retention decision' })
  payload!: RecordedJson | null;
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
