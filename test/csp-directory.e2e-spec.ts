/**
 * The national directory of communications service providers (issue 14, item 1): fictional CSPs seeded on
 * the embedded default; SPOCs, SROs and administrators read it (inactive CSPs for administrators only);
 * administrators add CSPs and change them with `If-Match`, and deactivate rather than delete. Bad input is
 * a 400 naming the field, a second CSP with the same code or ETSI endpoint identifier a 409
 * `CSP_DUPLICATE`, a stale version 412 `CSP_STALE`. Real HTTP, the real application.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { Response } from 'supertest';
import { DataSource, type QueryRunner } from 'typeorm';
import { MIGRATIONS } from '../migrations';
import { CspZonePrecision1764000000000 } from '../migrations/1764000000000-csp-zone-precision';
import { buildDataSourceOptions } from '../src/database/data-source-options';
import { CspSeed, DEMO_CSPS } from '../src/disclosures/csp/csp-seed';
import { CspEntity } from '../src/disclosures/csp/csp.entity';
import { CspsService } from '../src/disclosures/csp/csps.service';
import { expectProblem } from './support/guards-no-change';
import { createTestApp, isPostgres, testConfig, type TestApp } from './support/test-app';

interface CspBody {
  id: string;
  code: string;
  name: string;
  etsiEndpointId: string | null;
  dataTypes: string[];
  identifierKinds: string[];
  returnFormats: string[];
  fileTimeZone: string | null;
  timePrecisionSeconds: number;
  ipResolutionAddress: string | null;
  portalOnly: boolean;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

interface ProblemError {
  field: string;
  code: string;
  message: string;
}

let serial = 0;
/** A valid new CSP whose code and endpoint identifier no other CSP has. */
function newCsp(extra: Record<string, unknown> = {}): Record<string, unknown> {
  serial += 1;
  return {
    code: `spec-csp-${serial}`,
    name: `Spec Telecom ${serial} Ltd`,
    etsiEndpointId: `GB-SPEC-${serial}`,
    dataTypes: ['subscriber', 'callDataRecords'],
    identifierKinds: ['msisdn', 'imei'],
    returnFormats: ['csv', 'etsiHi1'],
    fileTimeZone: 'Europe/London',
    ...extra,
  };
}

const fieldsOf = (res: Response): string[] => [...new Set((res.body.errors as ProblemError[] | undefined ?? []).map((e) => e.field))].sort();

describe('the CSP directory', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const as = async (user: string) => `Bearer ${await t.token(user)}`;
  const create = async (body: Record<string, unknown>, user = 'admin') => t.http().post('/admin/csps').set('authorization', await as(user)).send(body);
  const patch = async (id: string, ifMatch: string | undefined, body: Record<string, unknown>, user = 'admin') => {
    const req = t.http().patch(`/admin/csps/${id}`).set('authorization', await as(user));
    return (ifMatch === undefined ? req : req.set('If-Match', ifMatch)).send(body);
  };
  const list = async (user: string, query = '?pageSize=100') => t.http().get(`/csps${query}`).set('authorization', await as(user));
  const read = async (user: string, id: string) => t.http().get(`/csps/${id}`).set('authorization', await as(user));
  const directory = () => t.dataSource.getRepository(CspEntity).find({ order: { id: 'ASC' } });

  /** Runs a request that must be refused, and checks the directory is exactly as it was. */
  async function refused(status: number, code: string, send: () => Promise<Response>): Promise<Response> {
    const before = await directory();
    const res = await send();
    expectProblem(res, status, code);
    expect(await directory()).toEqual(before);
    return res;
  }

  async function created(body: Record<string, unknown> = newCsp()): Promise<CspBody> {
    const res = await create(body);
    expect([res.status, res.status === 201 ? null : res.body]).toEqual([201, null]);
    return res.body as CspBody;
  }

  describe('the seeded directory (embedded default)', () => {
    it('lists the fictional CSPs to a SPOC, with their zones, formats and IP resolution addresses', async () => {
      const res = await list('spoc');
      expect(res.status).toBe(200);
      const items = res.body.items as CspBody[];
      expect(items.map((c) => c.code).sort()).toEqual(DEMO_CSPS.map((c) => c.code).sort());
      expect(res.body).toMatchObject({ page: 1, pageSize: 100, total: DEMO_CSPS.length });
      // By name.
      expect(items.map((c) => c.name)).toEqual([...items.map((c) => c.name)].sort());
      const byCode = Object.fromEntries(items.map((c) => [c.code, c]));
      expect(byCode.examplemobile).toMatchObject({ name: 'Example Mobile Ltd', fileTimeZone: 'Europe/London', timePrecisionSeconds: 1, portalOnly: false, active: true, version: 1 });
      expect(byCode.samplebroadband).toMatchObject({ fileTimeZone: 'UTC', timePrecisionSeconds: 1, ipResolutionAddress: 'installation' });
      expect(byCode.testcable).toMatchObject({ fileTimeZone: 'Europe/London', timePrecisionSeconds: 60, ipResolutionAddress: 'billing' });
      // The portal-only CSP has declared no zone: a time without an offset in its files is refused.
      expect(byCode.examplewebmail).toMatchObject({ fileTimeZone: null, portalOnly: true, etsiEndpointId: null });
      expect(new Set(items.map((c) => c.fileTimeZone))).toEqual(new Set(['Europe/London', 'UTC', null]));
      expect(new Set(items.map((c) => c.timePrecisionSeconds))).toEqual(new Set([1, 60]));
      expect(items.every((c) => c.active && /Example|Sample|Test|Specimen/.test(c.name))).toBe(true);
    });

    it('stores the seeded Example Webmail with no zone (NULL), the others with theirs', async () => {
      const rows = await t.dataSource.getRepository(CspEntity).find();
      const zones = Object.fromEntries(rows.map((r) => [r.code, r.fileTimeZone]));
      expect(zones).toEqual(Object.fromEntries(DEMO_CSPS.map((c) => [c.code, c.fileTimeZone])));
      expect(zones.examplewebmail).toBeNull();
      const stored = await t.dataSource.query<{ n: number | string }[]>(`SELECT COUNT(*) AS n FROM csp WHERE file_time_zone IS NULL`);
      expect(Number(stored[0].n)).toBe(1);
    });

    it('seeds once: a second run, or a restart, adds nothing', async () => {
      const before = await directory();
      await expect(t.app.get(CspSeed).run()).resolves.toBe(false);
      expect(await directory()).toEqual(before);
    });

    it('does not seed when demo seeding is off', async () => {
      const bare = await createTestApp({ env: { SEED_DEMO: 'false' } });
      try {
        expect(await bare.dataSource.getRepository(CspEntity).count()).toBe(0);
      } finally {
        await bare.close();
      }
    });
  });

  describe('reading', () => {
    it('lets SPOCs and SROs of any authority, and administrators, read; other roles are refused 403', async () => {
      const seeded = await t.dataSource.getRepository(CspEntity).findOneByOrFail({ code: 'examplemobile' });
      for (const user of ['spoc', 'sro', 'admin', 'other-spoc', 'nafn-spoc']) {
        const one = await read(user, seeded.id);
        expect([user, one.status, one.headers.etag, one.body.code]).toEqual([user, 200, '"1"', 'examplemobile']);
      }
      for (const user of ['applicant', 'dso', 'ocda', 'jc']) {
        expectProblem(await list(user), 403, 'FORBIDDEN_ROLE');
        expectProblem(await read(user, seeded.id), 403, 'FORBIDDEN_ROLE');
      }
      expectProblem(await t.http().get('/csps'), 401, 'AUTH_REQUIRED');
    });

    it('answers 404 for an unknown id and 400 for one that is not a UUID', async () => {
      expectProblem(await read('spoc', '00000000-0000-4000-8000-000000000000'), 404, 'NOT_FOUND');
      expectProblem(await read('spoc', 'examplemobile'), 400);
    });

    it('pages the list', async () => {
      const res = await list('sro', '?pageSize=2&page=2');
      expect(res.body).toMatchObject({ page: 2, pageSize: 2 });
      expect(res.body.items).toHaveLength(2);
      expectProblem(await list('sro', '?pageSize=101'), 400, 'VALIDATION_FAILED');
    });
  });

  describe('administration', () => {
    it('creates a CSP (201, version 1, ETag), with its lists in the directory’s order, readable by SPOCs', async () => {
      const res = await create(
        newCsp({
          name: 'Example Rural Broadband Ltd',
          dataTypes: ['ipSessionLogs', 'ipAddressResolution', 'subscriber'],
          identifierKinds: ['ipv6', 'ipv4'],
          returnFormats: ['etsiHi1', 'json'],
          fileTimeZone: 'America/New_York',
          ipResolutionAddress: 'billing',
        }),
      );
      expect(res.status).toBe(201);
      expect(res.headers.etag).toBe('"1"');
      const csp = res.body as CspBody;
      expect(csp).toMatchObject({
        name: 'Example Rural Broadband Ltd',
        dataTypes: ['subscriber', 'ipAddressResolution', 'ipSessionLogs'],
        identifierKinds: ['ipv4', 'ipv6'],
        returnFormats: ['json', 'etsiHi1'],
        fileTimeZone: 'America/New_York',
        ipResolutionAddress: 'billing',
        portalOnly: false,
        active: true,
        version: 1,
        createdAt: '2026-03-02T10:00:00.000Z',
      });
      const again = await read('spoc', csp.id);
      expect(again.body).toEqual(csp);
      expect((await list('spoc')).body.items.map((c: CspBody) => c.id)).toContain(csp.id);
    });

    it('creates a portal-only CSP, which has no ETSI endpoint identifier', async () => {
      const csp = await created(newCsp({ etsiEndpointId: null, portalOnly: true, returnFormats: ['xlsx'] }));
      expect(csp).toMatchObject({ etsiEndpointId: null, portalOnly: true });
    });

    it('changes a CSP with If-Match: 200 at the next version and ETag; the change is read back', async () => {
      const csp = await created();
      const res = await patch(csp.id, '"1"', { name: 'Spec Telecom Renamed Ltd', fileTimeZone: 'UTC', identifierKinds: ['imsi', 'msisdn'] });
      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe('"2"');
      expect(res.body).toMatchObject({ id: csp.id, code: csp.code, name: 'Spec Telecom Renamed Ltd', fileTimeZone: 'UTC', identifierKinds: ['msisdn', 'imsi'], version: 2 });
      expect((await read('spoc', csp.id)).body).toEqual(res.body);
      // The bare version works as well as the ETag.
      expect((await patch(csp.id, '2', { dataTypes: ['subscriber'] })).body).toMatchObject({ dataTypes: ['subscriber'], version: 3 });
    });

    it('writes nothing for a change that changes nothing (the version stays)', async () => {
      const csp = await created();
      const res = await patch(csp.id, '"1"', { name: csp.name, dataTypes: [...csp.dataTypes].reverse() });
      expect(res.status).toBe(200);
      expect(res.body).toEqual(csp);
    });

    it('refuses a stale If-Match with 412 CSP_STALE and a missing one with 428', async () => {
      const csp = await created();
      expect((await patch(csp.id, '"1"', { name: 'First Writer Ltd' })).status).toBe(200);
      const stale = await refused(412, 'CSP_STALE', () => patch(csp.id, '"1"', { name: 'Second Writer Ltd' }));
      expect(stale.body.detail).toMatch(/version 2/);
      await refused(412, 'CSP_STALE', () => patch(csp.id, 'W/"2"', { name: 'Weak Writer Ltd' }));
      await refused(428, 'PRECONDITION_REQUIRED', () => patch(csp.id, undefined, { name: 'No Precondition Ltd' }));
      expect((await read('admin', csp.id)).body).toMatchObject({ name: 'First Writer Ltd', version: 2 });
    });

    it('answers 404 for a change to a CSP that does not exist', async () => {
      await refused(404, 'NOT_FOUND', () => patch('00000000-0000-4000-8000-000000000000', '"1"', { name: 'Nobody Ltd' }));
    });

    it('deactivates with active:false: hidden from SPOCs and SROs, listed for an administrator who asks, and restorable', async () => {
      const csp = await created();
      const off = await patch(csp.id, '"1"', { active: false });
      expect(off.body).toMatchObject({ active: false, version: 2 });

      for (const user of ['spoc', 'sro']) {
        expect((await list(user)).body.items.map((c: CspBody) => c.id)).not.toContain(csp.id);
        expectProblem(await read(user, csp.id), 404, 'NOT_FOUND');
        expectProblem(await list(user, '?includeInactive=true'), 403, 'FORBIDDEN_ROLE');
      }
      expect((await list('admin')).body.items.map((c: CspBody) => c.id)).not.toContain(csp.id);
      const all = await list('admin', '?includeInactive=true&pageSize=100');
      expect(all.body.items.find((c: CspBody) => c.id === csp.id)).toMatchObject({ active: false });
      expect(all.body.total).toBeGreaterThan((await list('admin')).body.total);
      expect((await read('admin', csp.id)).body).toMatchObject({ active: false });

      const on = await patch(csp.id, '"2"', { active: true });
      expect(on.body).toMatchObject({ active: true, version: 3 });
      expect((await read('spoc', csp.id)).status).toBe(200);
    });

    it('has no delete', async () => {
      const csp = await created();
      const res = await t.http().delete(`/admin/csps/${csp.id}`).set('authorization', await as('admin'));
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect((await read('admin', csp.id)).status).toBe(200);
    });

    it('refuses every other role 403 on creating and changing, and changes nothing', async () => {
      const csp = await created();
      for (const user of ['spoc', 'sro', 'dso', 'applicant', 'ocda', 'other-spoc', 'nafn-spoc']) {
        await refused(403, 'FORBIDDEN_ROLE', () => create(newCsp(), user));
        await refused(403, 'FORBIDDEN_ROLE', () => patch(csp.id, '"1"', { active: false }, user));
      }
      expect((await read('spoc', csp.id)).body).toEqual(csp);
    });
  });

  describe('validation (400 naming the field)', () => {
    it.each([
      ['a zone that does not exist', 'Mars/Olympus'],
      ['an offset, which knows nothing of summer time', '+01:00'],
      ['an abbreviation', 'BST'],
      ['a legacy alias', 'GB'],
      ['the wrong case', 'europe/london'],
      ['not text', 42],
      ['empty', ''],
    ])('refuses fileTimeZone: %s', async (_why, fileTimeZone) => {
      const res = await refused(400, 'VALIDATION_FAILED', () => create(newCsp({ fileTimeZone })));
      expect(fieldsOf(res)).toEqual(['fileTimeZone']);
      const csp = await created();
      expect(fieldsOf(await refused(400, 'VALIDATION_FAILED', () => patch(csp.id, '"1"', { fileTimeZone })))).toEqual(['fileTimeZone']);
    });

    it('accepts real zones of the tz database in their Area/Location form', async () => {
      for (const fileTimeZone of ['Europe/Belfast', 'Asia/Kolkata', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5', 'UTC']) {
        expect((await created(newCsp({ fileTimeZone }))).fileTimeZone).toBe(fileTimeZone);
      }
    });

    it('refuses an unknown data type, identifier kind or return format, naming each list', async () => {
      const res = await refused(400, 'VALIDATION_FAILED', () =>
        create(newCsp({ dataTypes: ['subscriber', 'bankStatements'], identifierKinds: ['carRegistration'], returnFormats: ['pdf'] })),
      );
      expect(fieldsOf(res)).toEqual(['dataTypes', 'identifierKinds', 'returnFormats']);
      expect((res.body.errors as ProblemError[]).find((e) => e.field === 'dataTypes')?.code).toBe('isIn');
      const csp = await created();
      expect(fieldsOf(await refused(400, 'VALIDATION_FAILED', () => patch(csp.id, '"1"', { dataTypes: ['telepathy'] })))).toEqual(['dataTypes']);
    });

    it('refuses empty, repeated and missing lists and fields', async () => {
      expect(fieldsOf(await refused(400, 'VALIDATION_FAILED', () => create(newCsp({ dataTypes: [] }))))).toEqual(['dataTypes']);
      expect(fieldsOf(await refused(400, 'VALIDATION_FAILED', () => create(newCsp({ identifierKinds: ['msisdn', 'msisdn'] }))))).toEqual(['identifierKinds']);
      const incomplete = newCsp();
      delete incomplete.name;
      delete incomplete.returnFormats;
      expect(fieldsOf(await refused(400, 'VALIDATION_FAILED', () => create(incomplete)))).toEqual(['name', 'returnFormats']);
    });

    it('refuses a bad code, a name that cannot be stored as written, and null for a field that cannot be null', async () => {
      expect(fieldsOf(await refused(400, 'VALIDATION_FAILED', () => create(newCsp({ code: 'Example Mobile' }))))).toEqual(['code']);
      // Characters no store can keep are refused for every route before validation (src/http/input-hygiene.ts).
      expect(fieldsOf(await refused(400, 'INPUT_CHARACTERS_INVALID', () => create(newCsp({ name: 'Nul\u0000 Telecom' }))))).toEqual(['name']);
      expect(fieldsOf(await refused(400, 'INPUT_CHARACTERS_INVALID', () => create(newCsp({ name: 'Broken \ud800 Telecom' }))))).toEqual(['name']);
      expect(fieldsOf(await refused(400, 'VALIDATION_FAILED', () => create(newCsp({ etsiEndpointId: 'has spaces' }))))).toEqual(['etsiEndpointId']);
      const csp = await created();
      expect(fieldsOf(await refused(400, 'VALIDATION_FAILED', () => patch(csp.id, '"1"', { name: null, active: null })))).toEqual(['active', 'name']);
    });

    it('keeps the code stable: a change of code is refused, naming it', async () => {
      const csp = await created();
      const res = await refused(400, 'VALIDATION_FAILED', () => patch(csp.id, '"1"', { code: 'renamed' }));
      expect(fieldsOf(res)).toEqual(['code']);
    });

    it('refuses fields that disagree: ETSI interface and endpoint identifier, IP resolution and its address', async () => {
      const cases: [Record<string, unknown>, string, string][] = [
        [{ etsiEndpointId: null }, 'etsiEndpointId', 'requiredUnlessPortalOnly'],
        [{ portalOnly: true, returnFormats: ['csv'] }, 'etsiEndpointId', 'nullWhenPortalOnly'],
        [{ portalOnly: true, etsiEndpointId: null }, 'returnFormats', 'noEtsiWhenPortalOnly'],
        [{ dataTypes: ['ipAddressResolution'] }, 'ipResolutionAddress', 'requiredForIpResolution'],
        [{ ipResolutionAddress: 'installation' }, 'ipResolutionAddress', 'nullWithoutIpResolution'],
      ];
      for (const [extra, field, code] of cases) {
        const res = await refused(400, 'VALIDATION_FAILED', () => create(newCsp(extra)));
        expect({ extra, errors: (res.body.errors as ProblemError[]).map((e) => [e.field, e.code]) }).toEqual({ extra, errors: [[field, code]] });
      }
      // On a change, the CSP as it would become is checked.
      const csp = await created();
      const res = await refused(400, 'VALIDATION_FAILED', () => patch(csp.id, '"1"', { portalOnly: true }));
      expect(fieldsOf(res)).toEqual(['etsiEndpointId', 'returnFormats']);
      const ok = await patch(csp.id, '"1"', { portalOnly: true, etsiEndpointId: null, returnFormats: ['csv'] });
      expect(ok.body).toMatchObject({ portalOnly: true, etsiEndpointId: null, version: 2 });
    });
  });

  describe('the zone of its files and the precision of its times', () => {
    const storedZone = async (id: string) => (await t.dataSource.getRepository(CspEntity).findOneByOrFail({ id })).fileTimeZone;

    it('creates a CSP that declares no zone, by leaving it out or sending null: null stored and returned', async () => {
      const omitted = newCsp();
      delete omitted.fileTimeZone;
      const csp = await created(omitted);
      expect(csp.fileTimeZone).toBeNull();
      expect(await storedZone(csp.id)).toBeNull();
      expect((await read('spoc', csp.id)).body).toEqual(csp);
      const sentNull = await created(newCsp({ fileTimeZone: null }));
      expect(sentNull.fileTimeZone).toBeNull();
      expect(await storedZone(sentNull.id)).toBeNull();
    });

    it('changes the zone to null and back with PATCH, each at the next version; null again writes nothing', async () => {
      const csp = await created();
      const none = await patch(csp.id, '"1"', { fileTimeZone: null });
      expect([none.status, none.headers.etag]).toEqual([200, '"2"']);
      expect(none.body).toMatchObject({ fileTimeZone: null, version: 2 });
      expect(await storedZone(csp.id)).toBeNull();
      expect((await patch(csp.id, '"2"', { fileTimeZone: null })).body).toEqual(none.body);
      const back = await patch(csp.id, '"2"', { fileTimeZone: 'Europe/London' });
      expect(back.body).toMatchObject({ fileTimeZone: 'Europe/London', version: 3 });
      expect(await storedZone(csp.id)).toBe('Europe/London');
      expect((await read('spoc', csp.id)).body).toEqual(back.body);
    });

    it('states the precision of its times in whole seconds: 1 unless given, 0 to 3600, changed with PATCH', async () => {
      const plain = await created();
      expect(plain.timePrecisionSeconds).toBe(1);
      const minute = await created(newCsp({ timePrecisionSeconds: 60 }));
      expect(minute.timePrecisionSeconds).toBe(60);
      expect((await t.dataSource.getRepository(CspEntity).findOneByOrFail({ id: minute.id })).timePrecisionSeconds).toBe(60);
      expect((await created(newCsp({ timePrecisionSeconds: 0 }))).timePrecisionSeconds).toBe(0);
      expect((await created(newCsp({ timePrecisionSeconds: 3600 }))).timePrecisionSeconds).toBe(3600);
      const changed = await patch(plain.id, '"1"', { timePrecisionSeconds: 3600 });
      expect(changed.body).toMatchObject({ timePrecisionSeconds: 3600, version: 2 });
      expect((await read('sro', plain.id)).body).toEqual(changed.body);
      // The same value again changes nothing.
      expect((await patch(plain.id, '"2"', { timePrecisionSeconds: 3600 })).body).toEqual(changed.body);
    });

    it.each([
      ['below zero', -1],
      ['more than an hour', 3601],
      ['a fraction of a second', 1.5],
      ['digits as text', '1'],
      ['null', null],
    ])('refuses timePrecisionSeconds %s with a 400 naming the field, on create and on change', async (_why, timePrecisionSeconds) => {
      const res = await refused(400, 'VALIDATION_FAILED', () => create(newCsp({ timePrecisionSeconds })));
      expect(fieldsOf(res)).toEqual(['timePrecisionSeconds']);
      expect(res.body.detail).toContain('timePrecisionSeconds');
      const csp = await created();
      const onChange = await refused(400, 'VALIDATION_FAILED', () => patch(csp.id, '"1"', { timePrecisionSeconds }));
      expect(fieldsOf(onChange)).toEqual(['timePrecisionSeconds']);
    });
  });

  describe('uniqueness (409 CSP_DUPLICATE)', () => {
    it('refuses a second CSP with the same code or ETSI endpoint identifier, naming the field', async () => {
      const first = await created();
      const sameCode = await refused(409, 'CSP_DUPLICATE', () => create(newCsp({ code: first.code })));
      expect((sameCode.body.errors as ProblemError[]).map((e) => [e.field, e.code])).toEqual([['code', 'unique']]);
      const sameEndpoint = await refused(409, 'CSP_DUPLICATE', () => create(newCsp({ etsiEndpointId: first.etsiEndpointId })));
      expect(fieldsOf(sameEndpoint)).toEqual(['etsiEndpointId']);
      const both = await refused(409, 'CSP_DUPLICATE', () => create(newCsp({ code: first.code, etsiEndpointId: first.etsiEndpointId })));
      expect(fieldsOf(both)).toEqual(['code', 'etsiEndpointId']);
      // A seeded CSP counts too.
      expect(fieldsOf(await refused(409, 'CSP_DUPLICATE', () => create(newCsp({ code: 'examplemobile' }))))).toEqual(['code']);
    });

    it('refuses a change to another CSP’s endpoint identifier, and allows several portal-only CSPs without one', async () => {
      const first = await created();
      const second = await created();
      const res = await refused(409, 'CSP_DUPLICATE', () => patch(second.id, '"1"', { etsiEndpointId: first.etsiEndpointId }));
      expect(fieldsOf(res)).toEqual(['etsiEndpointId']);
      const portal = { etsiEndpointId: null, portalOnly: true, returnFormats: ['csv'] };
      await created(newCsp(portal));
      await created(newCsp(portal));
    });
  });

  describe('the lookup other modules use (CspsService)', () => {
    it('finds a CSP by id, by ids and by ETSI endpoint identifier, active or not, in the caller’s unit of work', async () => {
      const csps = t.app.get(CspsService);
      const csp = await created();
      const off = (await patch(csp.id, '"1"', { active: false })).body as CspBody;
      const seeded = await t.dataSource.getRepository(CspEntity).findOneByOrFail({ code: 'testcable' });
      await t.uow.read(async (m) => {
        expect(await csps.findById(m, csp.id)).toEqual(off);
        expect(await csps.findById(m, '00000000-0000-4000-8000-000000000000')).toBeNull();
        const many = await csps.findByIds(m, [csp.id, seeded.id, '00000000-0000-4000-8000-000000000000']);
        expect([...many.keys()].sort()).toEqual([csp.id, seeded.id].sort());
        expect(many.get(seeded.id)).toMatchObject({ code: 'testcable', ipResolutionAddress: 'billing', active: true });
        expect((await csps.findByEtsiEndpointId(m, 'GB-TESTCABLE-LI'))?.id).toBe(seeded.id);
        expect(await csps.findByEtsiEndpointId(m, 'gb-testcable-li')).toBeNull();
      });
    });
  });
});

/**
 * Migration `1764000000000-csp-zone-precision` over a directory that already has CSPs, on a database of its
 * own (a fresh SQLite file or PostgreSQL schema): the zones and every other column survive (on SQLite the
 * table is rebuilt), each CSP gets a precision of 1 second, the indexes are still there, and `down` refuses
 * while a CSP has declared no zone rather than invent one.
 */
describe(`migration 1764000000000-csp-zone-precision on ${isPostgres() ? 'PostgreSQL' : 'SQLite'}`, () => {
  let ds: DataSource;
  let q: QueryRunner;
  let drop: () => Promise<void>;
  const migration = new CspZonePrecision1764000000000();
  const INDEXES = ['ix_csp_active_name', 'ux_csp_code', 'ux_csp_etsi_endpoint_id'];

  beforeAll(async () => {
    const url = process.env.DATABASE_URL;
    if (url) {
      const schema = `csp_m_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
      const admin = new Client({ connectionString: url });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      ds = new DataSource(buildDataSourceOptions(testConfig({ DATABASE_URL: url, DATABASE_SCHEMA: schema }).database));
      drop = async () => {
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
        await admin.end();
      };
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'cd-csp-migration-'));
      ds = new DataSource(buildDataSourceOptions(testConfig({ SQLITE_PATH: join(dir, 'cd.sqlite') }).database));
      drop = () => Promise.resolve(rmSync(dir, { recursive: true, force: true }));
    }
    await ds.initialize();
    q = ds.createQueryRunner();
    for (const Migration of MIGRATIONS.slice(0, MIGRATIONS.indexOf(CspZonePrecision1764000000000))) await new Migration().up(q);
    // TRUE and FALSE are boolean literals on PostgreSQL and 1 and 0 on SQLite.
    for (const [n, code, endpoint, zone, portalOnly] of [
      [1, 'kept-london', `'GB-KEPT-LONDON'`, 'Europe/London', 'FALSE'],
      [2, 'kept-utc', 'NULL', 'UTC', 'TRUE'],
    ]) {
      await q.query(
        `INSERT INTO csp (id, code, name, etsi_endpoint_id, data_types, identifier_kinds, return_formats, file_time_zone,
           ip_resolution_address, portal_only, active, version, created_at, updated_at)
         VALUES ('00000000-0000-4000-8000-00000000000${n}', '${code}', 'Kept ${code} Ltd', ${endpoint}, '["subscriber"]',
           '["msisdn"]', '["csv"]', '${zone}', NULL, ${portalOnly}, TRUE, 3, '2026-01-05T09:00:00.000Z', '2026-02-05T09:00:00.000Z')`,
      );
    }
  });
  afterAll(async () => {
    await q?.release();
    if (ds?.isInitialized) await ds.destroy();
    await drop?.();
  });

  const rows = async () => (await q.query(`SELECT * FROM csp ORDER BY code`)) as Record<string, unknown>[];
  /** A row as both drivers give it back (booleans are 0/1 on SQLite), without the column under test. */
  const comparable = (row: Record<string, unknown>): Record<string, unknown> => ({
    ...Object.fromEntries(Object.entries(row).filter(([name]) => name !== 'time_precision_seconds')),
    portal_only: Boolean(row.portal_only),
    active: Boolean(row.active),
    version: Number(row.version),
  });
  const column = async (name: string) => (await q.getTable('csp'))?.findColumnByName(name);
  const indexes = async () => ((await q.getTable('csp'))?.indices ?? []).map((i) => i.name).sort();

  it('keeps every CSP as it was, zones included, and gives each a precision of 1 second; the zone may then be NULL', async () => {
    const before = (await rows()).map(comparable);
    expect(before.map((r) => r.file_time_zone)).toEqual(['Europe/London', 'UTC']);
    expect((await column('file_time_zone'))?.isNullable).toBe(false);

    await migration.up(q);

    expect((await rows()).map(comparable)).toEqual(before);
    expect((await rows()).map((r) => Number(r.time_precision_seconds))).toEqual([1, 1]);
    expect(await column('file_time_zone')).toMatchObject({ isNullable: true, length: '64' });
    expect(await column('time_precision_seconds')).toMatchObject({ isNullable: false });
    expect(await indexes()).toEqual(INDEXES);
    await q.query(`UPDATE csp SET file_time_zone = NULL WHERE code = 'kept-utc'`);
    expect((await rows()).map((r) => r.file_time_zone)).toEqual(['Europe/London', null]);
    // The code is still unique after the rebuild.
    await expect(q.query(`INSERT INTO csp (id, code, name, data_types, identifier_kinds, return_formats, portal_only, active, version, created_at, updated_at)
      VALUES ('00000000-0000-4000-8000-000000000003', 'kept-london', 'Again Ltd', '[]', '[]', '[]', FALSE, TRUE, 1, '2026-01-05T09:00:00.000Z', '2026-01-05T09:00:00.000Z')`)).rejects.toThrow();
  });

  it('refuses to revert while a CSP has declared no zone, naming it, and changes nothing', async () => {
    const before = await rows();
    await expect(migration.down(q)).rejects.toThrow(/kept-utc/);
    expect(await rows()).toEqual(before);
    expect(await column('time_precision_seconds')).toBeDefined();
  });

  it('reverts once every CSP has a zone: the precision goes, the zone is required again, the rest is kept', async () => {
    await q.query(`UPDATE csp SET file_time_zone = 'UTC' WHERE code = 'kept-utc'`);
    const before = (await rows()).map(comparable);
    await migration.down(q);
    expect((await rows()).map(comparable)).toEqual(before);
    expect(await column('time_precision_seconds')).toBeUndefined();
    expect((await column('file_time_zone'))?.isNullable).toBe(false);
    expect(await indexes()).toEqual(INDEXES);
    // And up again.
    await migration.up(q);
    expect((await rows()).map(comparable)).toEqual(before);
    expect((await rows()).map((r) => Number(r.time_precision_seconds))).toEqual([1, 1]);
  });
});
