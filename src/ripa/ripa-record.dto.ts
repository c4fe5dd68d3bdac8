import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { IsInstantWithOffset, Maybe, SHORT_MAX, TEXT_MAX } from '../applications/public-api';
import {
  RIPA_PURPOSES,
  RIPA_RECORD_KINDS,
  type RipaPurpose,
  type RipaRecordKind,
  type RipaRecordParticulars,
} from '../workflow/ripa-record.types';
import { RIPA_REFERENCE_MAX } from './ripa-import.limits';

/** A code unit of a surrogate pair without its other half: not text, and not storable as UTF-8 (docs/architecture.md §10, SQLite). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Control characters are exactly what these patterns are for: text that cannot be stored or shown.
// eslint-disable-next-line no-control-regex
const NUL = /\u0000/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

interface TextRule {
  max: number;
  /** Names, offices and references: one line, no control characters. Free text may run over lines. */
  singleLine: boolean;
  /** A reference is compared as written, so spaces around it would make a second, different reference. */
  untrimmed?: boolean;
}

/** Why `value` is not acceptable text under `rule`, or null. */
function textDefect(value: unknown, rule: TextRule): string | null {
  if (typeof value !== 'string') return 'must be text';
  if (value.trim() === '') return 'is required';
  if (value.length > rule.max) return `must be at most ${rule.max} characters`;
  if (LONE_SURROGATE.test(value)) return 'contains a broken character (a lone surrogate)';
  if (rule.singleLine ? CONTROL.test(value) : NUL.test(value)) {
    return rule.singleLine ? 'must be one line without control characters' : 'must not contain the NUL character';
  }
  if (rule.untrimmed && value !== value.trim()) return 'must not begin or end with spaces';
  return null;
}

/** Text that can be stored and shown as written (docs/architecture.md §10, SQLite: NUL and lone surrogates). */
function IsRecordText(rule: TextRule, options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isRecordText',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => textDefect(value, rule) === null,
        defaultMessage: (args: ValidationArguments) => `${args.property} ${textDefect(args.value, rule) ?? 'is valid'}`,
      },
    });
}

const required = { message: '$property is required' };
const oneLine = (max: number): TextRule => ({ max, singleLine: true });
const freeText: TextRule = { max: TEXT_MAX, singleLine: false };

/**
 * One record made under RIPA 2000 Part 1 Chapter 2, as `POST /admin/ripa-records` takes it: an element of
 * the JSON array, or a line of the CSV file whose header names these fields. Dates are instants with an
 * explicit offset, as everywhere in the service (docs/law.md §3.4); whether they agree with each other and
 * with now is checked next (ripa-record.rules.ts).
 */
export class RipaRecordDto implements Partial<RipaRecordParticulars> {
  @ApiProperty({ maxLength: RIPA_REFERENCE_MAX, description: 'the reference or URN the record was made under, as it was', example: 'TVP/CD/2015/001234' })
  @IsDefined(required)
  @IsRecordText({ ...oneLine(RIPA_REFERENCE_MAX), untrimmed: true })
  originalReference!: string;

  @ApiProperty({ enum: RIPA_RECORD_KINDS, description: 'an authorisation under RIPA s.22(3), or a notice under s.22(4)' })
  @IsDefined(required)
  @IsIn(RIPA_RECORD_KINDS)
  kind!: RipaRecordKind;

  @ApiProperty({ format: 'date-time', description: 'when it was applied for, with an explicit offset', example: '2015-06-01T09:30:00+01:00' })
  @IsDefined(required)
  @IsInstantWithOffset()
  appliedAt!: string;

  @ApiProperty({ format: 'date-time', description: 'when the designated person granted or gave it; not before `appliedAt`', example: '2015-06-01T14:00:00+01:00' })
  @IsDefined(required)
  @IsInstantWithOffset()
  grantedAt!: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'when it expired, where the record says (RIPA s.23(4))' })
  @Maybe()
  @IsInstantWithOffset()
  expiresAt?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'when it was cancelled, where it was (for a notice, RIPA s.23(8))' })
  @Maybe()
  @IsInstantWithOffset()
  cancelledAt?: string | null;

  @ApiProperty({ maxLength: SHORT_MAX, example: 'DC Jo Bloggs' })
  @IsDefined(required)
  @IsRecordText(oneLine(SHORT_MAX))
  applicantName!: string;

  @ApiProperty({ maxLength: SHORT_MAX, description: 'the applicant’s office, rank or position', example: 'Detective Constable' })
  @IsDefined(required)
  @IsRecordText(oneLine(SHORT_MAX))
  applicantRank!: string;

  @ApiProperty({ maxLength: SHORT_MAX, example: 'Supt Sam Smith' })
  @IsDefined(required)
  @IsRecordText(oneLine(SHORT_MAX))
  designatedPersonName!: string;

  @ApiProperty({ maxLength: SHORT_MAX, description: 'the designated person’s office, rank or position (RIPA s.25(2))', example: 'Superintendent' })
  @IsDefined(required)
  @IsRecordText(oneLine(SHORT_MAX))
  designatedPersonRank!: string;

  @ApiProperty({ maxLength: TEXT_MAX, description: 'the designated person’s consideration of necessity (RIPA s.22(1))' })
  @IsDefined(required)
  @IsRecordText(freeText)
  necessity!: string;

  @ApiProperty({ maxLength: TEXT_MAX, description: 'the designated person’s consideration of proportionality (RIPA s.22(5))' })
  @IsDefined(required)
  @IsRecordText(freeText)
  proportionality!: string;

  @ApiProperty({ enum: RIPA_PURPOSES, description: 'the ground of RIPA s.22(2), by its letter: `s22_2_a` is (a) … `s22_2_h` is (h)' })
  @IsDefined(required)
  @IsIn(RIPA_PURPOSES)
  purpose!: RipaPurpose;

  @ApiProperty({ maxLength: TEXT_MAX, description: 'the data sought, in words or as a list of items' })
  @IsDefined(required)
  @IsRecordText(freeText)
  dataSought!: string;

  @ApiProperty({ maxLength: SHORT_MAX, description: 'the communications service provider', example: 'Vodafone' })
  @IsDefined(required)
  @IsRecordText(oneLine(SHORT_MAX))
  csp!: string;
}
