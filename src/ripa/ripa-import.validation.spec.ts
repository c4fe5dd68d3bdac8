import type { UploadedRecord } from './ripa-import.parser';
import { recordErrors, validateRecords } from './ripa-import.validation';

const NOW = new Date('2026-03-02T10:00:00.000Z');

const FIELDS = {
  originalReference: 'TVP/RIPA/2015/0042',
  kind: 's22_4_notice',
  appliedAt: '2015-06-01T09:30:00+01:00',
  grantedAt: '2015-06-01T14:00:00+01:00',
  applicantName: 'DC Jo Bloggs',
  applicantRank: 'Detective Constable',
  designatedPersonName: 'Supt Sam Smith',
  designatedPersonRank: 'Superintendent',
  necessity: 'The number arranged the robbery.\nNothing else will identify its user.',
  proportionality: 'Subscriber data for one number.',
  purpose: 's22_2_b',
  dataSought: 'Subscriber details for 07700 900123',
  csp: 'Vodafone',
};

const at = (line: number, over: Record<string, unknown> = {}): UploadedRecord => ({ at: { line }, fields: { ...FIELDS, ...over } });
const problems = (uploaded: UploadedRecord) => recordErrors(uploaded, NOW).errors.map((e) => [e.field, e.code]);

describe('recordErrors', () => {
  it('gives a valid record’s particulars as stored: every field, the dates as written, absent dates as null', () => {
    expect(recordErrors(at(2), NOW)).toEqual({ errors: [], record: { ...FIELDS, expiresAt: null, cancelledAt: null } });
    expect(recordErrors(at(2, { expiresAt: '2015-06-30T23:59:59+01:00', cancelledAt: null }), NOW).record).toMatchObject({
      expiresAt: '2015-06-30T23:59:59+01:00',
      cancelledAt: null,
    });
  });

  it('names the record’s line or index and the field of each problem, one problem per field', () => {
    const { record, errors } = recordErrors({ at: { index: 4 }, fields: { ...FIELDS, kind: 'warrant', necessity: undefined, csp: 42 } }, NOW);
    expect(record).toBeNull();
    expect(errors).toEqual([
      { index: 4, field: 'kind', code: 'isIn', message: 'kind must be one of the following values: s22_3_authorisation, s22_4_notice' },
      { index: 4, field: 'necessity', code: 'isDefined', message: 'necessity is required' },
      { index: 4, field: 'csp', code: 'isRecordText', message: 'csp must be text' },
    ]);
  });

  it('requires the designated person’s considerations, and refuses blank ones', () => {
    expect(problems(at(2, { necessity: undefined, proportionality: '   ' }))).toEqual([
      ['necessity', 'isDefined'],
      ['proportionality', 'isRecordText'],
    ]);
  });

  it('refuses a date without an offset, and then does not compare it with the others', () => {
    expect(problems(at(2, { appliedAt: '2015-06-01T16:00:00' }))).toEqual([['appliedAt', 'isInstantWithOffset']]);
    expect(problems(at(2, { appliedAt: '2015-06-01T16:00:00Z' }))).toEqual([['grantedAt', 'grantedAfterApplied']]);
  });

  it('refuses a purpose outside RIPA s.22(2) (a)–(h), and an IPA purpose code', () => {
    expect(problems(at(2, { purpose: 's22_2_i' }))).toEqual([['purpose', 'isIn']]);
    expect(problems(at(2, { purpose: 'applicableCrime' }))).toEqual([['purpose', 'isIn']]);
  });

  it('refuses text that cannot be stored as written: NUL, a lone surrogate, a line break in a name, spaces around a reference', () => {
    expect(problems(at(2, { necessity: 'a\u0000b' }))).toEqual([['necessity', 'isRecordText']]);
    expect(problems(at(2, { dataSought: 'x\uD800y' }))).toEqual([['dataSought', 'isRecordText']]);
    expect(problems(at(2, { designatedPersonName: 'Supt\nSmith' }))).toEqual([['designatedPersonName', 'isRecordText']]);
    expect(problems(at(2, { originalReference: ' TVP/1' }))).toEqual([['originalReference', 'isRecordText']]);
    expect(problems(at(2, { originalReference: 'R'.repeat(101) }))).toEqual([['originalReference', 'isRecordText']]);
    expect(recordErrors(at(2, { originalReference: ' TVP/1' }), NOW).errors[0].message).toBe('originalReference must not begin or end with spaces');
  });

  it('refuses a field that is not a field of a record', () => {
    expect(problems(at(2, { approvedBy: 'someone' }))).toEqual([['approvedBy', 'whitelistValidation']]);
  });
});

describe('validateRecords', () => {
  it('gives every record when all are valid, in order', () => {
    const { valid, errors } = validateRecords([at(2), at(3, { originalReference: 'TVP/RIPA/2015/0043' })], NOW);
    expect(errors).toEqual([]);
    expect(valid.map((v) => [v.at, v.record.originalReference])).toEqual([
      [{ line: 2 }, 'TVP/RIPA/2015/0042'],
      [{ line: 3 }, 'TVP/RIPA/2015/0043'],
    ]);
  });

  it('refuses a reference repeated in the file at its second place, and then gives no record at all', () => {
    const { valid, errors } = validateRecords([at(2), at(3, { originalReference: 'OTHER' }), at(5)], NOW);
    expect(valid).toEqual([]);
    expect(errors).toEqual([
      { line: 5, field: 'originalReference', code: 'uniqueReference', message: 'originalReference "TVP/RIPA/2015/0042" is also at line 2: each record is imported once' },
    ]);
  });

  it('collects the problems of every record', () => {
    const { errors } = validateRecords([at(2, { grantedAt: '2030-01-01T00:00:00Z' }), at(3, { originalReference: 'B', kind: undefined })], NOW);
    expect(errors.map((e) => [e.line, e.field, e.code])).toEqual([
      [2, 'grantedAt', 'notInFuture'],
      [3, 'kind', 'isDefined'],
    ]);
  });
});
