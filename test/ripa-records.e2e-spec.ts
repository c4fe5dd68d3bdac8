/**
 * Records made under RIPA 2000 Part 1 Chapter 2 (an authorisation under s.22(3) or a notice under s.22(4),
 * granted by a designated person under s.25), imported by an authority's administrator with
 * `POST /admin/ripa-records` as JSON or CSV, all or nothing. Each becomes an application on the `ripa22`
 * route in `ripaRecord`: read like any record of its authority, its history verified through the one
 * chain, and never driven through the IPA workflow. Real HTTP, the real application, both drivers.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { ApplicationEntity } from '../src/applications/application.entity';
import { PasswordHasher } from '../src/auth/password-hasher';
import { UserEntity } from '../src/auth/user.entity';
import { APPLICATION_EVENT_TYPES } from '../src/workflow/application.types';
import { ROLES, type Role } from '../src/workflow/roles';
import { completeForm, createApplication, sendEvent, type AppRecord } from './support/applications';
import { countRows, rowDiff, type RowCounts } from './support/fuzz-http';
import { expectNoBusinessChange, expectProblem } from './support/guards-no-change';
import { withAppendOnlyTriggersOff } from './support/history-triggers';
import { historyOf, rawSql, verifyOf } from './support/lifecycle-http';
import { ripaRecord } from './support/ripa-records';
import { createTestApp, DEMO_PASSWORD, isPostgres, type TestApp } from './support/test-app';

const FIXTURES = join(__dirname, 'fixtures', 'ripa');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

/** A TVP user holding every role: past every role check, so only the record's state can refuse an event. */
const EVERY_ROLE = 'tvp-every-role';
/** Hampshire's administrator, who is also its SRO: only the authority keeps TVP's records from them. */
const HAM_ADMIN = 'ham-admin';

interface ImportBody {
  batchId: string;
  imported: number;
  items: { id: string; urn: string; originalReference: string; line: number | null; index: number | null }[];
}

interface ProblemError {
  field: string;
  code: string;
  message: string;
  line?: number;
  index?: number;
}

/** The first record of records.csv, as it must read back (its instants as written, with their offsets). */
const CSV_FIRST = {
  originalReference: 'TVP/RIPA/2015/0042',
  kind: 's22_4_notice',
  appliedAt: '2015-06-01T09:30:00+01:00',
  grantedAt: '2015-06-01T14:00:00+01:00',
  expiresAt: '2015-06-30T23:59:59+01:00',
  cancelledAt: null,
  applicantName: 'DC Jo Bloggs',
  applicantRank: 'Detective Constable',
  designatedPersonName: 'Supt Sam Smith',
  designatedPersonRank: 'Superintendent',
  necessity: 'The number was used to arrange the robbery on 31 May 2015, and its subscriber is not known; no other means will identify them.',
  proportionality: 'Subscriber data for one number only; no intrusion beyond the account holder is expected.',
  purpose: 's22_2_b',
  dataSought: 'Subscriber details for 07700 900123',
  csp: 'Vodafone',
};

/** The second record of records.csv: a quoted cell over two lines, so the record starts on line 3 and ends on 4. */
const CSV_SECOND = {
  originalReference: 'TVP/RIPA/2016/0007',
  kind: 's22_3_authorisation',
  appliedAt: '2016-11-14T10:00:00Z',
  grantedAt: '2016-11-14T10:45:00Z',
  expiresAt: null,
  cancelledAt: '2016-11-20T16:00:00Z',
  applicantName: 'DS Ann Other',
  applicantRank: 'Detective Sergeant',
  designatedPersonName: 'Supt Lee Grant',
  designatedPersonRank: 'Superintendent',
  necessity: "A missing person's phone was last used on 13 November 2016.\nCell site data is the only lead to where she is.",
  proportionality: 'Two days of cell site data for one phone, no longer.',
  purpose: 's22_2_g',
  dataSought: 'Cell site data for 07700 900456, 12 to 13 November 2016',
  csp: 'EE',
};


describe(`POST /admin/ripa-records: records made under RIPA 2000 s.22 (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;
  let tvpAuthority = '';
  let hamAuthority = '';

  beforeAll(async () => {
    t = await createTestApp();
    const users = t.dataSource.getRepository(UserEntity);
    const passwordHash = await t.app.get(PasswordHasher).hash(DEMO_PASSWORD);
    tvpAuthority = (await users.findOneByOrFail({ username: 'admin' })).authorityId;
    hamAuthority = (await users.findOneByOrFail({ username: 'other-sro' })).authorityId;
    const user = (username: string, displayName: string, authorityId: string, roles: Role[]) => ({
      id: randomUUID(),
      username,
      displayName,
      roles,
      authorityId,
      rank: null,
      spocPin: null,
      active: true,
      passwordHash,
    });
    await users.insert(user(EVERY_ROLE, 'Val Every-Role', tvpAuthority, [...ROLES]));
    await users.insert(user(HAM_ADMIN, 'Hal Hampshire-Admin', hamAuthority, ['admin', 'sro']));
  });
  afterAll(() => t.close());

  const bearer = async (user: string) => `Bearer ${await t.token(user)}`;
  const importCsv = async (user: string, csv: string): Promise<Response> =>
    t.http().post('/admin/ripa-records').set('authorization', await bearer(user)).set('content-type', 'text/csv').send(csv);
  const importJson = async (user: string, records: unknown): Promise<Response> =>
    t.http().post('/admin/ripa-records').set('authorization', await bearer(user)).send(records as object);
  const read = async (user: string, id: string): Promise<Response> => t.http().get(`/applications/${id}`).set('authorization', await bearer(user));

  /** What an import could have written: the business tables, and how far each authority's URN counter has gone. */
  async function stored(): Promise<RowCounts & { urnsAllocated: number }> {
    const [row] = await t.dataSource.query<{ n: string | number }[]>('SELECT COALESCE(SUM(last_value), 0) AS n FROM urn_counter');
    return { ...(await countRows(t)), urnsAllocated: Number(row.n) };
  }

  /** Sends an import that must be refused as 400 RIPA_IMPORT_INVALID, and shows that nothing at all was stored. */
  async function expectRefusedImport(send: () => Promise<Response>): Promise<ProblemError[]> {
    const before = await stored();
    const res = await send();
    expectProblem(res, 400, 'RIPA_IMPORT_INVALID');
    const after = await stored();
    expect({ diff: rowDiff(before, after), urnsAllocated: after.urnsAllocated }).toEqual({ diff: [], urnsAllocated: before.urnsAllocated });
    return res.body.errors as ProblemError[];
  }

  const imported = (res: Response): ImportBody => {
    expect([res.status, res.status === 201 ? null : res.body]).toEqual([201, null]);
    return res.body as ImportBody;
  };

  describe('a CSV file', () => {
    let result: ImportBody;

    beforeAll(async () => {
      result = imported(await importCsv('admin', fixture('records.csv')));
    });

    it('stores every record, each with a URN of the caller’s authority, named by the line it starts on', () => {
      expect(result.imported).toBe(2);
      expect(result.items.map(({ originalReference, line, index }) => ({ originalReference, line, index }))).toEqual([
        { originalReference: CSV_FIRST.originalReference, line: 2, index: null },
        { originalReference: CSV_SECOND.originalReference, line: 3, index: null },
      ]);
      for (const item of result.items) expect(item.urn).toMatch(/^TVP\/CD\/2026\/\d{6}$/);
    });

    it('reads back whole through GET /applications/:id, as a record on the ripa22 route that no event applies to', async () => {
      for (const [item, expected] of [
        [result.items[0], CSV_FIRST],
        [result.items[1], CSV_SECOND],
      ] as const) {
        const res = await read('sro', item.id);
        expect(res.status).toBe(200);
        expect(res.headers.etag).toBe('"1"');
        expect(res.body).toMatchObject({
          id: item.id,
          urn: item.urn,
          authorityId: tvpAuthority,
          route: 'ripa22',
          status: 'ripaRecord',
          version: 1,
          machineVersion: '5',
          form: {},
          decision: null,
          allowedEvents: [],
          blockedEvents: [],
          conversation: [],
        });
        expect(res.body.ripa).toEqual(expected);
      }
    });

    it('is listed like any record of the authority, and can be filtered by its state', async () => {
      const res = await t.http().get('/applications?status=ripaRecord&pageSize=100').set('authorization', await bearer('spoc'));
      expect(res.status).toBe(200);
      const listed = (res.body.items as { id: string; route: string; status: string }[]).filter((i) => result.items.some((r) => r.id === i.id));
      expect(listed.map((i) => [i.route, i.status])).toEqual([
        ['ripa22', 'ripaRecord'],
        ['ripa22', 'ripaRecord'],
      ]);
    });

    it('has one `imported` history row saying what was imported, by whom and when, and the chain verifies', async () => {
      const { id } = result.items[0];
      const admin = await t.dataSource.getRepository(UserEntity).findOneByOrFail({ username: 'admin' });
      const history = await historyOf(t, 'sro', id);
      expect(history).toHaveLength(1);
      expect(history[0]).toMatchObject({
        position: 1,
        kind: 'imported',
        eventType: null,
        fromState: null,
        toState: 'ripaRecord',
        toStateLabel: 'Record made under RIPA 2000 (imported)',
        actorId: admin.id,
        actor: { id: admin.id, displayName: 'Ada Admin', role: 'admin' },
        at: t.clock.now().toISOString(),
        what: 'Record made under RIPA 2000 imported',
      });
      expect(history[0].changes.notes).toEqual(
        expect.arrayContaining([
          { label: 'Original reference', text: CSV_FIRST.originalReference },
          { label: 'Designated person', text: 'Supt Sam Smith, Superintendent' },
          { label: 'Necessity', text: CSV_FIRST.necessity },
          { label: 'Proportionality', text: CSV_FIRST.proportionality },
        ]),
      );
      expect(history[0].summary).toContain('From line 2 of a CSV file, with 14 fields');

      const [stored] = await rawSql<{ payload: string }>(t, 'SELECT payload FROM application_event WHERE application_id = $1', [id]);
      expect(JSON.parse(stored.payload)).toEqual({ ripa: CSV_FIRST, source: { batchId: result.batchId, format: 'csv', line: 2 } });
      await expect(verifyOf(t, 'sro', id)).resolves.toEqual({ valid: true, rows: 1, head: history[0].hash });
    });

    it('verification notices an imported row whose content was changed in the database', async () => {
      const { id } = result.items[1];
      const [row] = await rawSql<{ seq: number | string; payload: string }>(t, 'SELECT seq, payload FROM application_event WHERE application_id = $1', [id]);
      const forged = row.payload.replace('Superintendent', 'Inspector');
      expect(forged).not.toBe(row.payload);
      await withAppendOnlyTriggersOff(t, 'application_event', () => rawSql(t, 'UPDATE application_event SET payload = $1 WHERE seq = $2', [forged, row.seq]));
      await expect(verifyOf(t, 'sro', id)).resolves.toEqual({
        valid: false,
        rows: 1,
        firstBroken: { seq: Number(row.seq), position: 1, reason: 'payload does not match its digest' },
      });
    });

    it('refuses the same file again, naming each line already imported, and stores nothing', async () => {
      const errors = await expectRefusedImport(() => importCsv('admin', fixture('records.csv')));
      expect(errors).toEqual([
        expect.objectContaining({ line: 2, field: 'originalReference', code: 'notAlreadyImported', message: expect.stringContaining(result.items[0].urn) as string }),
        expect.objectContaining({ line: 3, field: 'originalReference', code: 'notAlreadyImported', message: expect.stringContaining(result.items[1].urn) as string }),
      ]);
    });
  });

  describe('a JSON array', () => {
    it('stores every record, named by its index, and each reads back whole', async () => {
      const records = JSON.parse(fixture('records.json')) as Record<string, unknown>[];
      const result = imported(await importJson('admin', records));
      expect(result.items.map(({ originalReference, line, index }) => ({ originalReference, line, index }))).toEqual([
        { originalReference: 'TVP/RIPA/2014/0311', line: null, index: 0 },
        { originalReference: 'TVP/RIPA/2017/0099', line: null, index: 1 },
      ]);
      const first = await read('dso', result.items[0].id);
      expect(first.body).toMatchObject({ route: 'ripa22', status: 'ripaRecord', ripa: records[0] });
      // Left out of the JSON, the dates the record does not give read back as null.
      const second = await read('dso', result.items[1].id);
      expect(second.body.ripa).toEqual({ ...records[1], expiresAt: null, cancelledAt: null });
      const history = await historyOf(t, 'dso', result.items[1].id);
      expect(history[0].summary).toContain('From item 1 (counted from 0) of a JSON list');
      await expect(verifyOf(t, 'dso', result.items[1].id)).resolves.toMatchObject({ valid: true, rows: 1 });
    });

    it('refuses an array with a record at fault, naming its index and field, and stores none of them', async () => {
      const errors = await expectRefusedImport(() =>
        importJson('admin', [ripaRecord(), ripaRecord({ appliedAt: '2018-01-08T12:00:00Z', grantedAt: '2018-01-08T09:00:00Z', csp: 7 })]),
      );
      expect(errors).toEqual([
        expect.objectContaining({ index: 1, field: 'csp', code: 'isRecordText' }),
        expect.objectContaining({ index: 1, field: 'grantedAt', code: 'grantedAfterApplied' }),
      ]);
    });

    it('refuses a file whose second record is already held, storing not even its first', async () => {
      const held = ripaRecord();
      const [first] = imported(await importJson('admin', [held])).items;
      const fresh = ripaRecord();
      const errors = await expectRefusedImport(() => importJson('admin', [fresh, held]));
      expect(errors).toEqual([
        expect.objectContaining({ index: 1, field: 'originalReference', code: 'notAlreadyImported', message: expect.stringContaining(first.urn) as string }),
      ]);
      expect(await t.dataSource.getRepository(ApplicationEntity).countBy({ ripaReference: fresh.originalReference })).toBe(0);
    });

    it('refuses what is not an array of records', async () => {
      expect(await expectRefusedImport(() => importJson('admin', ripaRecord()))).toEqual([expect.objectContaining({ field: 'body', code: 'isArray' })]);
      expect(await expectRefusedImport(() => importJson('admin', []))).toEqual([expect.objectContaining({ field: 'body', code: 'minRecords' })]);
      expect(await expectRefusedImport(() => importJson('admin', [ripaRecord(), 'x']))).toEqual([expect.objectContaining({ index: 1, code: 'isObject' })]);
      expect(await expectRefusedImport(() => importJson('admin', [ripaRecord({ approvedBy: 'someone' })]))).toEqual([
        expect.objectContaining({ index: 0, field: 'approvedBy', code: 'whitelistValidation' }),
      ]);
    });
  });

  describe('a file at fault is refused whole, naming the line and field, and nothing is stored', () => {
    it.each([
      ['bad-date.csv', 'appliedAt', 'isInstantWithOffset'],
      ['missing-considerations.csv', 'necessity', 'isDefined'],
      ['granted-before-applied.csv', 'grantedAt', 'grantedAfterApplied'],
      ['future-date.csv', 'grantedAt', 'notInFuture'],
      ['duplicate-reference.csv', 'originalReference', 'uniqueReference'],
      ['wrong-column-count.csv', 'record', 'csvColumnCount'],
    ])('%s: line 3, %s (%s)', async (file, field, code) => {
      const errors = await expectRefusedImport(() => importCsv('admin', fixture(file)));
      expect(errors).toEqual([expect.objectContaining({ line: 3, field, code, message: expect.any(String) as string })]);
      // The valid record on line 2 was not stored either.
      expect(await t.dataSource.getRepository(ApplicationEntity).countBy({ ripaReference: 'TVP/RIPA/2018/0001' })).toBe(0);
    });

    it('names every problem of the file at once, and a header at fault by its column', async () => {
      const header = fixture('records.csv').split('\n')[0];
      const errors = await expectRefusedImport(() =>
        importCsv('admin', `${header.replace('csp', 'provider')},extra\n${'x,'.repeat(15)}x\n`),
      );
      expect(errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ line: 1, field: 'provider', code: 'knownColumn' }),
          expect.objectContaining({ line: 1, field: 'extra', code: 'knownColumn' }),
          expect.objectContaining({ line: 1, field: 'csp', code: 'requiredColumn' }),
        ]),
      );
      const several = `${header}\n${['bad-date.csv', 'future-date.csv', 'wrong-column-count.csv'].map((f) => fixture(f).split('\n')[2]).join('\n')}\n`;
      const lines = (await expectRefusedImport(() => importCsv('admin', several))).map((e) => [e.line, e.field, e.code]);
      expect(lines).toEqual([
        [2, 'appliedAt', 'isInstantWithOffset'],
        [3, 'grantedAt', 'notInFuture'],
        [4, 'record', 'csvColumnCount'],
      ]);
    });

    it('refuses unreadable CSV with the line it stops at, and a body of another type with 415', async () => {
      const header = fixture('records.csv').split('\n')[0];
      const errors = await expectRefusedImport(() => importCsv('admin', `${header}\n"unterminated,${'x,'.repeat(13)}x\n`));
      expect(errors).toEqual([expect.objectContaining({ line: 2, field: 'record', code: 'csvSyntax' })]);
      const before = await stored();
      const plain = await t.http().post('/admin/ripa-records').set('authorization', await bearer('admin')).set('content-type', 'text/plain').send(fixture('records.csv'));
      expectProblem(plain, 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect(rowDiff(before, await stored())).toEqual([]);
    });

    it('refuses a CSV file over the size limit with 413', async () => {
      const before = await stored();
      const res = await importCsv('admin', `${fixture('records.csv')}${'#'.repeat(1024 * 1024)}`);
      expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
      expect(rowDiff(before, await stored())).toEqual([]);
    });
  });

  describe('never driven through the IPA workflow', () => {
    let record: AppRecord;

    beforeAll(async () => {
      // Imported by a user holding every role: the applicant of record, past every role check.
      const result = imported(await importJson(EVERY_ROLE, [ripaRecord()]));
      record = (await read(EVERY_ROLE, result.items[0].id)).body as AppRecord;
    });

    it.each(APPLICATION_EVENT_TYPES.map((type) => [type]))('%s is refused and changes nothing', async (type) => {
      const res = await expectNoBusinessChange(t, record.id, async () => sendEvent(t, EVERY_ROLE, record, { type, reason: 'Try it.' }));
      // EXPIRE is the scheduler's alone; every other event passes the role check and is refused by the state.
      if (type === 'EXPIRE') expectProblem(res, 403, 'FORBIDDEN_ROLE');
      else {
        expectProblem(res, 409, 'WORKFLOW_INVALID_TRANSITION');
        expect({ allowedEvents: res.body.allowedEvents, blockedEvents: res.body.blockedEvents }).toEqual({ allowedEvents: [], blockedEvents: [] });
      }
    });

    it('refuses PATCH, even from the person who imported it, and a renewal', async () => {
      const patch = await expectNoBusinessChange(t, record.id, async () =>
        t.http().patch(`/applications/${record.id}`).set('authorization', await bearer(EVERY_ROLE)).set('If-Match', '1').send({ operationName: 'Op Rewrite' }),
      );
      expectProblem(patch, 409, 'WORKFLOW_INVALID_TRANSITION');
      const renewal = await expectNoBusinessChange(t, record.id, async () =>
        t.http().post(`/applications/${record.id}/renewal`).set('authorization', await bearer(EVERY_ROLE)).send({}),
      );
      expectProblem(renewal, 409, 'RENEWAL_NOT_ALLOWED');
    });

    it('no application may be made on the ripa22 route, or moved to it', async () => {
      const before = await stored();
      const create = await t.http().post('/applications').set('authorization', await bearer('applicant')).send(completeForm({ route: 'ripa22' }));
      expectProblem(create, 400, 'VALIDATION_FAILED');
      expect((create.body.errors as ProblemError[]).map((e) => e.field)).toEqual(['route']);
      expect(rowDiff(before, await stored())).toEqual([]);

      const draft = await createApplication(t);
      const patch = await expectNoBusinessChange(t, draft.id, async () =>
        t.http().patch(`/applications/${draft.id}`).set('authorization', await bearer('applicant')).set('If-Match', '1').send({ route: 'ripa22' }),
      );
      expectProblem(patch, 400, 'VALIDATION_FAILED');
      expect((patch.body.errors as ProblemError[]).map((e) => e.field)).toEqual(['route']);
    });
  });

  describe('who may import, and nothing crosses authorities', () => {
    it.each([['spoc'], ['sro'], ['dso'], ['applicant'], ['other-sro']])('%s is not an administrator: 403, nothing stored', async (user) => {
      const before = await stored();
      expectProblem(await importJson(user, [ripaRecord()]), 403, 'FORBIDDEN_ROLE');
      expectProblem(await importCsv(user, fixture('records.csv')), 403, 'FORBIDDEN_ROLE');
      expect(rowDiff(before, await stored())).toEqual([]);
    });

    it('records go into the importer’s own authority, and another authority’s administrator cannot see them', async () => {
      const reference = `SHARED/${randomUUID()}`;
      const [tvp] = imported(await importJson('admin', [ripaRecord({ originalReference: reference })])).items;
      // The same reference in another authority is another authority's record, not a duplicate.
      const [ham] = imported(await importJson(HAM_ADMIN, [ripaRecord({ originalReference: reference })])).items;
      expect([tvp.urn, ham.urn]).toEqual([expect.stringMatching(/^TVP\//) as string, expect.stringMatching(/^HAM\//) as string]);
      expect((await read('sro', tvp.id)).body.authorityId).toBe(tvpAuthority);
      expect((await read(HAM_ADMIN, ham.id)).body.authorityId).toBe(hamAuthority);

      for (const path of [`/applications/${tvp.id}`, `/applications/${tvp.id}/history`, `/applications/${tvp.id}/history/verify`]) {
        expectProblem(await t.http().get(path).set('authorization', await bearer(HAM_ADMIN)), 404, 'NOT_FOUND');
      }
      expectProblem(await read('sro', ham.id), 404, 'NOT_FOUND');
      const listed = await t.http().get('/applications?pageSize=100').set('authorization', await bearer(HAM_ADMIN));
      expect((listed.body.items as { id: string }[]).map((i) => i.id)).not.toContain(tvp.id);
      // The need-to-know of any record of the authority: another force's SPOC, OCDA and a JC do not see it.
      for (const user of ['other-spoc', 'ocda', 'jc']) expectProblem(await read(user, tvp.id), 404, 'NOT_FOUND');
    });

    it('an Idempotency-Key replays the answer to a CSV import and stores nothing more', async () => {
      const csv = `${fixture('records.csv').split('\n')[0]}\n${fixture('bad-date.csv').split('\n')[1].replace('TVP/RIPA/2018/0001', 'TVP/RIPA/IDEM/1')}\n`;
      const key = `ripa-import-${randomUUID()}`;
      const send = async () =>
        t.http().post('/admin/ripa-records').set('authorization', await bearer('admin')).set('content-type', 'text/csv').set('Idempotency-Key', key).send(csv);
      const first = imported(await send());
      const before = await stored();
      const again = await send();
      expect([again.status, again.headers['idempotent-replayed'], again.body]).toEqual([201, 'true', first]);
      expect(rowDiff(before, await stored())).toEqual([]);
    });
  });
});
