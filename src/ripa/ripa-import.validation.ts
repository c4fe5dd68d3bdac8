/**
 * Every record of an upload is validated before anything is stored: its fields (class-validator, on
 * {@link RipaRecordDto}), its dates against each other and now (ripa-record.rules.ts), and its original
 * reference against the other records of the file. Every problem is reported with its record's line or
 * index and its field, so one answer names all of them. Pure: `now` comes from the caller's clock.
 */
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { FieldError } from '../http/domain-exception';
import { flattenValidationErrors } from '../http/validation';
import type { RipaRecordParticulars } from '../workflow/ripa-record.types';
import type { RecordPosition, UploadedRecord } from './ripa-import.parser';
import { RipaRecordDto } from './ripa-record.dto';
import { ripaDateErrors } from './ripa-record.rules';

/** A record that passed every check, ready to store, with where it was in the upload. */
export interface ValidRecord {
  at: RecordPosition;
  record: RipaRecordParticulars;
}

/** What a record says, as stored: every field, an optional date left out as null. */
function particularsOf(dto: RipaRecordDto): RipaRecordParticulars {
  return {
    originalReference: dto.originalReference,
    kind: dto.kind,
    appliedAt: dto.appliedAt,
    grantedAt: dto.grantedAt,
    expiresAt: dto.expiresAt ?? null,
    cancelledAt: dto.cancelledAt ?? null,
    applicantName: dto.applicantName,
    applicantRank: dto.applicantRank,
    designatedPersonName: dto.designatedPersonName,
    designatedPersonRank: dto.designatedPersonRank,
    necessity: dto.necessity,
    proportionality: dto.proportionality,
    purpose: dto.purpose,
    dataSought: dto.dataSought,
    csp: dto.csp,
  };
}

/** One record's problems, each named by the record's position and the field. */
export function recordErrors(uploaded: UploadedRecord, now: Date): { record: RipaRecordParticulars | null; errors: FieldError[] } {
  const dto = plainToInstance(RipaRecordDto, uploaded.fields);
  const invalid = flattenValidationErrors(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true }));
  const atFault = new Set(invalid.map((error) => error.field));
  // A date that failed its own check is not compared with the others: one problem per field.
  const sound = Object.fromEntries(Object.entries(uploaded.fields).filter(([field]) => !atFault.has(field)));
  const errors = [...invalid, ...ripaDateErrors(sound, now)].map((error) => ({ ...uploaded.at, ...error }));
  return { record: errors.length === 0 ? particularsOf(dto) : null, errors };
}

/** Where a record is, in words: its line or its index. */
const placeOf = (at: RecordPosition): string => ('line' in at ? `line ${at.line}` : `index ${at.index}`);

/** Every record of the upload checked; the valid ones only when the whole upload is valid. */
export function validateRecords(records: readonly UploadedRecord[], now: Date): { valid: ValidRecord[]; errors: FieldError[] } {
  const valid: ValidRecord[] = [];
  const errors: FieldError[] = [];
  const firstSeen = new Map<string, RecordPosition>();
  for (const uploaded of records) {
    const checked = recordErrors(uploaded, now);
    errors.push(...checked.errors);
    const reference = uploaded.fields.originalReference;
    if (typeof reference === 'string') {
      const first = firstSeen.get(reference);
      if (first) {
        errors.push({
          ...uploaded.at,
          field: 'originalReference',
          code: 'uniqueReference',
          message: `originalReference "${reference}" is also at ${placeOf(first)}: each record is imported once`,
        });
        continue;
      }
      firstSeen.set(reference, uploaded.at);
    }
    if (checked.record) valid.push({ at: uploaded.at, record: checked.record });
  }
  return { valid: errors.length === 0 ? valid : [], errors };
}
