/**
 * The national directory of communications service providers (issue 14, item 1): fictional CSPs seeded on
 * the embedded default; SPOCs, SROs and administrators read it (inactive CSPs for administrators only);
 * administrators add CSPs and change them with `If-Match`, and deactivate rather than delete. Bad input is
 * a 400 naming the field, a second CSP with the same code or ETSI endpoint identifier a 409
 * `CSP_DUPLICATE`, a stale version 412 `CSP_STALE`. Real HTTP, the real application.
 */
import type { Response } from 'supertest';
import { CspSeed, DEMO_CSPS } from '../src/disclosures/csp/csp-seed';
import { CspEntity } from '../src/disclosures/csp/csp.entity';
import { CspsService } from '../src/disclosures/csp/csps.service';
import { expectProblem } from './support/guards-no-change';
import { createTestApp, type TestApp } from './support/test-app';

interface CspBody {
  id: string;
  code: string;
  name: string;
  etsiEndpointId: string | null;
  dataTypes: string[];
  identifierKinds: string[];
  returnFormats: string[];
  fileTimeZone: string;
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
      expect(byCode.examplemobile).toMatchObject({ name: 'Example Mobile Ltd', fileTimeZone: 'Europe/London', portalOnly: false, active: true, version: 1 });
      expect(byCode.samplebroadband).toMatchObject({ fileTimeZone: 'UTC', ipResolutionAddress: 'installation' });
      expect(byCode.testcable).toMatchObject({ ipResolutionAddress: 'billing' });
      expect(byCode.examplewebmail).toMatchObject({ fileTimeZone: 'America/New_York', portalOnly: true, etsiEndpointId: null });
      expect(new Set(items.map((c) => c.fileTimeZone))).toEqual(new Set(['Europe/London', 'UTC', 'America/New_York']));
      expect(items.every((c) => c.active && /Example|Sample|Test|Specimen/.test(c.name))).toBe(true);
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
      ['null', null],
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
      expect(fieldsOf(await refused(400, 'VALIDATION_FAILED', () => create(newCsp({ name: 'Nul\u0000 Telecom' }))))).toEqual(['name']);
      expect(fieldsOf(await refused(400, 'VALIDATION_FAILED', () => create(newCsp({ name: 'Broken \ud800 Telecom' }))))).toEqual(['name']);
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
