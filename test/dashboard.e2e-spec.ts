/**
 * The manager's dashboard (docs/statistics.md §5; issue 17) over real HTTP, on SQLite and PostgreSQL. The
 * data set is made the way an authority makes it — applications drafted, reviewed, granted (orally too),
 * asked to be cancelled and cancelled; requests sent to a CSP, acknowledged, partly answered; errors recorded,
 * assessed, notified and reported — for two authorities, with the clock moved between the steps. Nothing is
 * written into a table. At each reading the test works out from its own account of what it did
 * (test/support/dashboard-world.ts) which records every tile must count, and holds the tile's count, its
 * link's list, every breakdown and every line's instant to that; another authority's records never appear.
 */
import { formatLondonDateTime } from '../src/workflow/london-time';
import { BANDS, DashboardWorld, PEOPLE, TILES, type Authority, type Expected, type ModelApplication, type ModelError, type ModelRequest } from './support/dashboard-world';
import { listedIds } from './support/errors-http';
import { expectProblem } from './support/guards-no-change';
import { createTestApp, isPostgres, type TestApp } from './support/test-app';

interface DashboardRecord {
  type: string;
  id: string;
  reference: string | null;
  status: string;
  statusLabel: string;
  what: string;
  at: string;
  atLondon: string;
  atMeaning: string;
  late: boolean;
  href: string;
}

interface TileRecords {
  tile: string;
  state: string | null;
  ageBand: string | null;
  items: DashboardRecord[];
  page: number;
  pageSize: number;
  total: number;
}

interface Band {
  key: string;
  count: number;
  href: string;
}

interface StateBreakdown {
  key: string;
  count: number;
  href: string;
  bands: Band[];
}

interface Tile {
  id: string;
  title: string;
  definition: string;
  count: number;
  href: string;
  breakdown: StateBreakdown[];
}

interface Dashboard {
  authorityId: string;
  asOf: string;
  asOfLondon: string;
  settings: { cspWaitWorkingDays: number; errorsDueWithinWorkingDays: number; expiringWithinCalendarDays: number };
  tiles: Tile[];
}

/** What each tile lists, and where each record's own route is. */
const RECORD_TYPE: Record<string, { type: string; path: string }> = {
  openApplications: { type: 'application', path: '/applications/' },
  requestsWaitingOnCsp: { type: 'disclosureRequest', path: '/disclosure-requests/' },
  errorReportsDueSoon: { type: 'errorEntry', path: '/errors/' },
  errorReportsOverdue: { type: 'errorEntry', path: '/errors/' },
  initialNotificationsAwaitingFullReport: { type: 'errorEntry', path: '/errors/' },
  authorisationsEndingSoon: { type: 'application', path: '/applications/' },
  cancellationRequestsOpen: { type: 'application', path: '/applications/' },
  writtenRecordsOverdue: { type: 'application', path: '/applications/' },
};

const DRIVER = isPostgres() ? 'PostgreSQL' : 'SQLite';

async function get<T>(t: TestApp, user: string, path: string): Promise<T> {
  const res = await t.http().get(path).set('authorization', `Bearer ${await t.token(user)}`);
  if (res.status !== 200) throw new Error(`GET ${path} as ${user}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as T;
}

/** Every record a link lists, page by page (`pageSize` a page), checking that each page says the same total. */
async function listAll(t: TestApp, user: string, href: string, pageSize = 100): Promise<{ items: DashboardRecord[]; total: number }> {
  const items: DashboardRecord[] = [];
  let total = -1;
  for (let page = 1; ; page += 1) {
    const body = await get<TileRecords>(t, user, `${href}${href.includes('?') ? '&' : '?'}page=${page}&pageSize=${pageSize}`);
    if (total !== -1) expect(body.total).toBe(total);
    total = body.total;
    items.push(...body.items);
    if (body.items.length < pageSize) break;
  }
  expect(items).toHaveLength(total);
  return { items, total };
}

const sorted = (ids: Iterable<string>): string[] => [...ids].sort();

describe(`the manager's dashboard (${DRIVER})`, () => {
  let t: TestApp;
  let world: DashboardWorld;
  const authorityIds: Partial<Record<Authority, string>> = {};

  /** Every tile of `reader`'s dashboard at the clock's instant, against what the test expects for `authority`. */
  async function expectDashboard(authority: Authority, reader: string): Promise<Dashboard> {
    const now = t.clock.now();
    const expected = world.expectedTiles(authority, now, 10);
    const foreign = world.idsOf(authority === 'tvp' ? 'ham' : 'tvp');
    const dashboard = await get<Dashboard>(t, reader, '/dashboard');
    expect({ authorityId: dashboard.authorityId, asOf: dashboard.asOf, asOfLondon: dashboard.asOfLondon }).toEqual({
      authorityId: authorityIds[authority],
      asOf: now.toISOString(),
      asOfLondon: formatLondonDateTime(now),
    });
    expect(dashboard.settings).toEqual({ cspWaitWorkingDays: 10, errorsDueWithinWorkingDays: 3, expiringWithinCalendarDays: 5 });
    expect(dashboard.tiles.map((tile) => tile.id)).toEqual([...TILES]);
    for (const tile of dashboard.tiles) {
      const want: Expected = expected[tile.id as keyof typeof expected];
      expect({ tile: tile.id, href: tile.href }).toEqual({ tile: tile.id, href: `/dashboard/tiles/${tile.id}` });
      const listed = await listAll(t, reader, tile.href);
      // The tile's count, its link's total and the test's own count are one number; the link lists exactly those records.
      expect({ tile: tile.id, count: tile.count, total: listed.total, ids: sorted(listed.items.map((i) => i.id)) }).toEqual({
        tile: tile.id,
        count: want.size,
        total: want.size,
        ids: sorted(want.keys()),
      });
      expect({ tile: tile.id, foreign: listed.items.filter((i) => foreign.has(i.id)).map((i) => i.id) }).toEqual({ tile: tile.id, foreign: [] });
      for (const item of listed.items) {
        expect({ tile: tile.id, id: item.id, type: item.type, href: item.href, at: item.at, atLondon: item.atLondon }).toEqual({
          tile: tile.id,
          id: item.id,
          type: RECORD_TYPE[tile.id].type,
          href: `${RECORD_TYPE[tile.id].path}${item.id}`,
          at: want.get(item.id),
          atLondon: formatLondonDateTime(new Date(want.get(item.id) ?? 0)),
        });
        expect(item.what).toContain(item.atLondon);
      }
      if (tile.id !== 'initialNotificationsAwaitingFullReport') {
        // Most pressing first: the instant each line is about, earliest first.
        expect(listed.items.map((i) => i.at)).toEqual([...listed.items.map((i) => i.at)].sort());
      }
      if (tile.id !== 'openApplications') expect(tile.breakdown).toEqual([]);
    }
    await expectOpenBreakdown(authority, reader, dashboard);
    return dashboard;
  }

  /** Open applications by state and by age band: every count as the test counts it, every link listing exactly those. */
  async function expectOpenBreakdown(authority: Authority, reader: string, dashboard: Dashboard): Promise<void> {
    const now = t.clock.now();
    const open = dashboard.tiles.find((tile) => tile.id === 'openApplications') as Tile;
    expect(sorted(open.breakdown.map((s) => s.key))).toEqual(sorted(world.openStates));
    expect(open.breakdown.reduce((sum, s) => sum + s.count, 0)).toBe(open.count);
    for (const state of open.breakdown) {
      const want = world.expectedOpen(authority, now, state.key);
      expect({ state: state.key, count: state.count }).toEqual({ state: state.key, count: want.length });
      expect(sorted((await listAll(t, reader, state.href)).items.map((i) => i.id))).toEqual(want);
      expect(state.bands.map((b) => b.key)).toEqual([...BANDS]);
      expect(state.bands.reduce((sum, b) => sum + b.count, 0)).toBe(state.count);
      for (const band of state.bands) {
        const inBand = world.expectedOpen(authority, now, state.key, band.key as (typeof BANDS)[number]);
        expect({ state: state.key, band: band.key, count: band.count }).toEqual({ state: state.key, band: band.key, count: inBand.length });
        if (band.count > 0) expect(sorted((await listAll(t, reader, band.href)).items.map((i) => i.id))).toEqual(inBand);
      }
    }
  }

  /** The line a tile gives for one record. */
  async function lineOf(user: string, tile: string, id: string): Promise<DashboardRecord> {
    const { items } = await listAll(t, user, `/dashboard/tiles/${tile}`);
    const item = items.find((i) => i.id === id);
    if (!item) throw new Error(`${id} is not on ${tile}`);
    return item;
  }

  beforeAll(async () => {
    t = await createTestApp();
    world = new DashboardWorld(t);
    for (const authority of ['tvp', 'ham'] as const) {
      const res = await t.http().post('/auth/login').send({ username: PEOPLE[authority].sro, password: 'Demo-Password-2026' }).expect(200);
      authorityIds[authority] = (res.body as { user: { authorityId: string } }).user.authorityId;
    }
  });
  afterAll(() => t.close());

  /** The records the hand-checked lines below are about. */
  const named: Record<string, ModelApplication | ModelRequest | ModelError> = {};
  const at = (instant: string) => t.clock.set(instant);

  it('builds two authorities’ records through the workflow over a month, moving the clock', async () => {
    const w = world;
    // Monday 2 March 2026, 10:00 GMT.
    at('2026-03-02T10:00:00.000Z');
    const a1 = await w.granted('a1 granted 2 Mar', 'tvp');
    named.a1 = a1;
    named.r1 = await w.requestEvent(await w.request('r1 sent', a1), { type: 'SEND' });
    named.r2 = await w.requestEvent(await w.requestEvent(await w.request('r2 acknowledged', a1), { type: 'SEND' }), { type: 'CSP_ACKNOWLEDGED', cspReference: 'EM-2' });
    named.r3 = await w.requestEvent(await w.requestEvent(await w.request('r3 nil return', a1), { type: 'SEND' }), { type: 'NIL_RETURN', cspStatement: 'No such subscriber.' });
    named.r4 = await w.request('r4 never sent', a1);
    named.r5 = await w.partialReturn(await w.requestEvent(await w.request('r5 partly disclosed', a1), { type: 'SEND' }));
    named.j1 = await w.awaitingJudge('j1 awaiting a Judicial Commissioner', 'tvp');
    const d1 = await w.draft('d1 draft, edited later', 'tvp');
    named.sOld = await w.submit(await w.draft('sOld with the SPOC since 2 Mar', 'tvp'));
    const w1 = await w.draft('w1 withdrawn', 'tvp');
    await w.act(w1, 'applicant', { type: 'WITHDRAW', reason: 'The victim withdrew the complaint.' });
    const a2 = await w.granted('a2 cancelled 20 Mar', 'tvp');
    const cl = await w.granted('cl closed 20 Mar', 'tvp');
    const ret = await w.submit(await w.draft('ret returned 16 Mar', 'tvp'));
    const aa23 = await w.submit(await w.draft('aa23 sent for authorisation 23 Mar', 'tvp'));
    const s13 = await w.draft('s13 submitted 13 Mar', 'tvp');
    const s16 = await w.draft('s16 submitted 16 Mar', 'tvp');
    const s24 = await w.draft('s24 submitted 24 Mar', 'tvp');
    const s27 = await w.draft('s27 submitted 27 Mar 23:30', 'tvp');
    const sMidnight = await w.draft('sMidnight submitted at midnight starting 27 Mar', 'tvp');
    // Errors established at 09:00 on 2 March: due at the end of Monday 16 March (10 working days).
    const established = '2026-03-02T09:00:00.000Z';
    named.eOver = await w.error('eOver overdue', 'tvp', established, 'relevantError', { applicationIds: [a1.id] });
    named.eNotified = await w.notifyIpc(await w.error('eNotified notified, promised 20 Mar', 'tvp', established, 'relevantError'), '2026-03-20T17:00:00.000Z');
    await w.reportToIpc(await w.error('eReported reported', 'tvp', established, 'relevantError'));
    named.eNotifiedReported = await w.reportToIpc(await w.notifyIpc(await w.error('eNotifiedReported notified then reported', 'tvp', established, 'relevantError'), '2026-03-20T17:00:00.000Z'));
    await w.error('eRecordable a recordable error', 'tvp', established, 'recordableError');
    await w.error('eRecorded not yet assessed', 'tvp', established, null);
    const eExtended = await w.error('eExtended extended to 20 Apr', 'tvp', established, 'relevantError');
    await w.errorEvent(eExtended, 'sro', { type: 'AGREE_EXTENSION', agreedDueAt: '2026-04-20T16:00:00.000Z', ipcAgreementReference: 'IPC/EXT/7', reason: 'The CSP needs time to audit.' });
    // Hampshire: the same kinds of record, which Thames Valley's dashboard must never show.
    const h1 = await w.granted('h1 HAM granted 2 Mar', 'ham');
    await w.requestEvent(await w.request('hr1 HAM sent', h1), { type: 'SEND' });
    await w.draft('h2 HAM draft', 'ham');
    await w.error('hErrOver HAM overdue', 'ham', established, 'relevantError');
    await w.notifyIpc(await w.error('hErrNotified HAM notified', 'ham', established, 'relevantError'), '2026-04-30T12:00:00.000Z');

    at('2026-03-09T10:00:00.000Z');
    const k1 = await w.granted('k1 dso61, asked to cancel twice', 'tvp', 'dso61');
    named.k1 = k1;
    const k2 = await w.granted('k2 dso61, asked to cancel then cancelled', 'tvp', 'dso61');
    const hk1 = await w.granted('hk1 HAM dso61, asked to cancel', 'ham', 'dso61');

    at('2026-03-13T10:00:00.000Z');
    await w.submit(s13);
    at('2026-03-16T10:00:00.000Z');
    await w.submit(s16);
    await w.act(ret, 'spoc', { type: 'RETURN_TO_APPLICANT', reason: 'Narrow the period.' });
    // Tuesday 17 March is St Patrick's Day, a bank holiday in Northern Ireland, so not a working day anywhere (IPA s.263).
    at('2026-03-17T10:00:00.000Z');
    named.eToday = await w.error('eToday due 31 Mar', 'tvp', '2026-03-17T09:00:00.000Z', 'relevantError');

    at('2026-03-18T10:00:00.000Z');
    named.o1 = await w.oralGrant('o1 oral grant, no written record', 'tvp');
    const o2 = await w.oralGrant('o2 oral grant, written record made', 'tvp');
    named.ho1 = await w.oralGrant('ho1 HAM oral grant, no written record', 'ham');
    at('2026-03-19T10:00:00.000Z');
    await w.act(o2, 'dso', { type: 'RECORD_WRITTEN', writtenRecord: 'My written record of the oral grant.' });

    at('2026-03-20T10:00:00.000Z');
    await w.act(a2, 'spoc', { type: 'CANCEL', reason: 'The suspect has been charged.' });
    await w.act(cl, 'spoc', { type: 'CANCEL', reason: 'The suspect has been charged.' });
    await w.act(cl, 'spoc', { type: 'CLOSE', reason: 'Nothing more to do.' });
    const a3 = await w.granted('a3 granted 20 Mar', 'tvp');
    named.r6 = await w.requestEvent(await w.request('r6 sent 20 Mar', a3), { type: 'SEND' });
    named.eSoon = await w.error('eSoon due 7 Apr', 'tvp', '2026-03-20T09:00:00.000Z', 'relevantError');
    await w.act(k2, 'applicant', { type: 'REQUEST_CANCELLATION', reason: 'The phone has been recovered.' });
    await w.act(hk1, 'other-applicant', { type: 'REQUEST_CANCELLATION', reason: 'The phone has been recovered.' });

    at('2026-03-23T10:00:00.000Z');
    await w.forAuthorisation(aa23);
    named.r7 = await w.requestEvent(await w.request('r7 sent 23 Mar', a3), { type: 'SEND' });
    named.eLater = await w.error('eLater due 8 Apr', 'tvp', '2026-03-23T09:00:00.000Z', 'relevantError');
    at('2026-03-24T10:00:00.000Z');
    await w.submit(s24);
    at('2026-03-25T10:00:00.000Z');
    await w.act(k1, 'applicant', { type: 'REQUEST_CANCELLATION', reason: 'The suspect is in custody.' });
    await w.act(k2, 'dso', { type: 'CANCEL', reason: 'The phone has been recovered.' });
    at('2026-03-26T10:00:00.000Z');
    await w.act(k1, 'sro', { type: 'REQUEST_CANCELLATION', reason: 'Please cancel: the suspect is in custody.' });
    named.d26 = await w.draft('d26 draft 26 Mar', 'tvp');
    // Midnight at the start of Friday 27 March, London time: on the 31st, exactly 2 working days old (30, 31).
    at('2026-03-27T00:00:00.000Z');
    await w.submit(sMidnight);
    // 23:30 GMT on Friday 27 March is still Friday in London.
    at('2026-03-27T23:30:00.000Z');
    await w.submit(s27);
    // An edit does not move a draft into a new state: d1 stays as old as its creation.
    at('2026-03-30T10:00:00.000Z');
    await w.edit(d1, { investigationSummary: 'A street robbery on 1 March 2026; the victim’s phone and wallet were taken.' });
    // 09:00 BST on Tuesday 31 March.
    at('2026-03-31T08:00:00.000Z');
    named.o3 = await w.oralGrant('o3 oral grant this morning', 'tvp');

    await w.expectServiceAgrees();
  });

  it('on Tuesday 31 March, before the scheduler has run: every tile equals the test’s own count and its link lists exactly those records', async () => {
    at('2026-03-31T09:00:00.000Z');
    await world.expectServiceAgrees();
    // o1 and o2 ended on 20 March but nobody has expired them yet: still authorised, they are not "ending soon".
    await expectDashboard('tvp', 'spoc');
  });

  it('after the scheduler’s pass, for the SPOC and the SRO alike, with hand-checked lines', async () => {
    await world.runScheduler();
    await world.expectServiceAgrees();
    const spoc = await expectDashboard('tvp', 'spoc');
    const sro = await expectDashboard('tvp', 'sro');
    expect(sro).toEqual(spoc);
    const counts = Object.fromEntries(spoc.tiles.map((tile) => [tile.id, tile.count]));
    // Hand-counted from the steps above, as a check on the world's own arithmetic.
    expect(counts).toEqual({
      openApplications: 19,
      requestsWaitingOnCsp: 3,
      errorReportsDueSoon: 2,
      errorReportsOverdue: 2,
      initialNotificationsAwaitingFullReport: 1,
      authorisationsEndingSoon: 2,
      cancellationRequestsOpen: 1,
      writtenRecordsOverdue: 1,
    });
    const bands = Object.fromEntries(spoc.tiles[0].breakdown.filter((s) => s.count > 0).map((s) => [s.key, Object.fromEntries(s.bands.map((b) => [b.key, b.count]))]));
    expect(bands).toEqual({
      // d1 (2 Mar, edited 30 Mar: still over 10); d26 (26 Mar: 27, 30, 31).
      draft: { upTo2: 0, from3To5: 1, from6To10: 0, over10: 1 },
      // s27 and sMidnight (Friday 27: 30, 31); s24 (5); s16 (10: 17 March is no working day); s13 (11); sOld (2 Mar).
      spocReview: { upTo2: 2, from3To5: 1, from6To10: 1, over10: 2 },
      returnedToApplicant: { upTo2: 0, from3To5: 0, from6To10: 1, over10: 0 },
      awaitingAuthorisation: { upTo2: 0, from3To5: 0, from6To10: 1, over10: 0 },
      awaitingJudicialApproval: { upTo2: 0, from3To5: 0, from6To10: 0, over10: 1 },
      // o3 (this morning); a3 (20 Mar: 7); a1 and k1 (their grants; k1's requests to cancel do not make it younger).
      authorised: { upTo2: 1, from3To5: 0, from6To10: 1, over10: 2 },
      // a2 (20 Mar), k2 (25 Mar).
      cancelled: { upTo2: 0, from3To5: 1, from6To10: 1, over10: 0 },
      // o1 and o2, expired by the scheduler just now.
      expired: { upTo2: 2, from3To5: 0, from6To10: 0, over10: 0 },
    });

    // The register's own filters (GET /errors) agree with the two tiles of reports owed.
    const tileIds = async (tile: string) => sorted((await listAll(t, 'sro', `/dashboard/tiles/${tile}`)).items.map((i) => i.id));
    expect(await tileIds('errorReportsDueSoon')).toEqual(await listedIds(t, 'sro', 'dueWithinWorkingDays=3'));
    expect(await tileIds('errorReportsOverdue')).toEqual(await listedIds(t, 'sro', 'overdue=true'));

    const written = await lineOf('spoc', 'writtenRecordsOverdue', named.o1.id);
    expect(written).toMatchObject({
      at: '2026-03-19T23:59:59.999Z',
      atLondon: '19 Mar 2026 23:59 GMT',
      atMeaning: 'writtenRecordDueBy',
      late: true,
      status: 'expired',
      what: 'The written record of the oral grant was due by 19 Mar 2026 23:59 GMT and has not been made.',
    });
    expect(await lineOf('spoc', 'authorisationsEndingSoon', named.a1.id)).toMatchObject({ at: '2026-04-01T22:59:59.999Z', atLondon: '1 Apr 2026 23:59 BST', late: false, statusLabel: 'Authorised' });
    // Sent on Monday 2 March: ten working days end with Monday 16 March.
    expect(await lineOf('spoc', 'requestsWaitingOnCsp', named.r2.id)).toMatchObject({
      at: '2026-03-16T23:59:59.999Z',
      atMeaning: 'cspExpectedBy',
      late: true,
      what: expect.stringContaining('Sent to Example Mobile Ltd on 2 Mar 2026 10:00 GMT') as string,
    });
    const overdue = await lineOf('sro', 'errorReportsOverdue', named.eOver.id);
    expect(overdue).toMatchObject({ at: '2026-03-16T23:59:59.999Z', atLondon: '16 Mar 2026 23:59 GMT', late: true, status: 'assessed' });
    expect(overdue.reference).toBe((named.a1 as ModelApplication).urn);
    expect(await lineOf('sro', 'errorReportsDueSoon', named.eToday.id)).toMatchObject({ at: '2026-03-31T22:59:59.999Z', what: expect.stringContaining(': today.') as string });
    expect(await lineOf('sro', 'errorReportsDueSoon', named.eSoon.id)).toMatchObject({ at: '2026-04-07T22:59:59.999Z', what: expect.stringContaining('in 3 working days') as string });
    expect(await lineOf('sro', 'initialNotificationsAwaitingFullReport', named.eNotified.id)).toMatchObject({ at: '2026-03-20T17:00:00.000Z', atMeaning: 'fullReportPromisedBy', late: true });
    expect(await lineOf('sro', 'cancellationRequestsOpen', named.k1.id)).toMatchObject({ at: '2026-03-25T10:00:00.000Z', what: expect.stringMatching(/^2 requests to cancel, the first on 25 Mar 2026 10:00 GMT/) as string });
    const open = await lineOf('spoc', 'openApplications', named.sOld.id);
    expect(open).toMatchObject({ at: '2026-03-02T10:00:00.000Z', href: `/applications/${named.sOld.id}`, statusLabel: 'With the SPOC for review' });
    expect(open.what).toMatch(/^With the SPOC for review for \d+ working days, since 2 Mar 2026 10:00 GMT\.$/);
  });

  it('shows Hampshire’s SRO Hampshire’s records only, and Thames Valley’s none', async () => {
    const ham = await expectDashboard('ham', 'other-sro');
    expect(Object.fromEntries(ham.tiles.map((tile) => [tile.id, tile.count]))).toMatchObject({
      requestsWaitingOnCsp: 1,
      errorReportsOverdue: 2,
      initialNotificationsAwaitingFullReport: 1,
      authorisationsEndingSoon: 1,
      cancellationRequestsOpen: 1,
      writtenRecordsOverdue: 1,
    });
    expect(await expectDashboard('ham', 'other-spoc')).toEqual(ham);
  });

  it('on Wednesday 8 April, after Easter: the deadlines have moved on and so have the tiles', async () => {
    at('2026-04-08T09:00:00.000Z');
    await world.runScheduler();
    await world.expectServiceAgrees();
    const dashboard = await expectDashboard('tvp', 'sro');
    const ids = async (tile: string) => sorted((await listAll(t, 'sro', `/dashboard/tiles/${tile}`)).items.map((i) => i.id));
    // a1 expired on 1 April and its open requests were cancelled; r6 (expected by the end of 7 April) now waits, r7 (the end of today) not yet.
    expect(await ids('requestsWaitingOnCsp')).toEqual([named.r6.id]);
    expect(await ids('errorReportsDueSoon')).toEqual([named.eLater.id]);
    expect(await ids('errorReportsOverdue')).toEqual(sorted([named.eOver.id, named.eNotified.id, named.eToday.id, named.eSoon.id]));
    // k1 ends at the end of today; o3's written record was due on 1 April.
    expect(await ids('authorisationsEndingSoon')).toEqual([named.k1.id]);
    expect(await ids('writtenRecordsOverdue')).toEqual(sorted([named.o1.id, named.o3.id]));
    expect(dashboard.tiles.find((tile) => tile.id === 'openApplications')?.count).toBe(19);
    await expectDashboard('ham', 'other-sro');
  });

  it('pages through a tile without losing or repeating a record', async () => {
    const all = await listAll(t, 'spoc', '/dashboard/tiles/openApplications');
    const paged = await listAll(t, 'spoc', '/dashboard/tiles/openApplications', 4);
    expect(paged.items.map((i) => i.id)).toEqual(all.items.map((i) => i.id));
    expect(new Set(paged.items.map((i) => i.id)).size).toBe(all.total);
  });

  it('refuses an unknown tile, and a state or age band on a tile other than the open applications', async () => {
    const bearer = `Bearer ${await t.token('sro')}`;
    expectProblem(await t.http().get('/dashboard/tiles/everything').set('authorization', bearer), 400, 'VALIDATION_FAILED');
    expectProblem(await t.http().get('/dashboard/tiles/openApplications?state=closed').set('authorization', bearer), 400, 'VALIDATION_FAILED');
    expectProblem(await t.http().get('/dashboard/tiles/openApplications?ageBand=ancient').set('authorization', bearer), 400, 'VALIDATION_FAILED');
    const misplaced = await t.http().get('/dashboard/tiles/errorReportsOverdue?state=draft&ageBand=upTo2').set('authorization', bearer);
    expectProblem(misplaced, 400, 'VALIDATION_FAILED');
    expect((misplaced.body as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(['state', 'ageBand']);
  });

  it.each(['applicant', 'dso', 'admin', 'ocda', 'jc'])('is refused to %s, whose role does not answer for the authority’s deadlines', async (user) => {
    expectProblem(await t.http().get('/dashboard').set('authorization', `Bearer ${await t.token(user)}`), 403, 'FORBIDDEN_ROLE');
  });
});

describe(`the dashboard at the edge of each threshold, with DASHBOARD_CSP_WAIT_WORKING_DAYS=3 (${DRIVER})`, () => {
  let t: TestApp;
  let world: DashboardWorld;
  beforeAll(async () => {
    t = await createTestApp({ env: { DASHBOARD_CSP_WAIT_WORKING_DAYS: '3' } });
    world = new DashboardWorld(t);
  });
  afterAll(() => t.close());

  /** A tile's count and the ids its link lists, at `instant`. */
  async function tileAt(instant: string, tile: string): Promise<{ count: number; ids: string[] }> {
    t.clock.set(instant);
    const dashboard = await get<Dashboard>(t, 'sro', '/dashboard');
    const found = dashboard.tiles.find((x) => x.id === tile) as Tile;
    return { count: found.count, ids: (await listAll(t, 'sro', found.href)).items.map((i) => i.id) };
  }

  it('moves the wait on a CSP: with 3 working days, a request sent on Monday waits from the first instant of Friday, one sent at midnight on Tuesday from Saturday', async () => {
    t.clock.set('2026-03-02T10:00:00.000Z');
    const app = await world.granted('granted Monday', 'tvp');
    const monday = await world.requestEvent(await world.request('sent Monday', app), { type: 'SEND' });
    // Sent at the first instant of Tuesday 3 March: its three working days end with Friday 6 March.
    t.clock.set('2026-03-03T00:00:00.000Z');
    const tuesday = await world.requestEvent(await world.request('sent at midnight on Tuesday', app), { type: 'SEND' });
    const dashboard = await get<Dashboard>(t, 'spoc', '/dashboard');
    expect(dashboard.settings.cspWaitWorkingDays).toBe(3);
    expect(dashboard.tiles.find((x) => x.id === 'requestsWaitingOnCsp')?.title).toBe('Requests waiting on a CSP for more than 3 working days');
    // Three working days after Monday end with Thursday 5 March.
    expect(await tileAt('2026-03-05T23:59:59.999Z', 'requestsWaitingOnCsp')).toEqual({ count: 0, ids: [] });
    expect(await tileAt('2026-03-06T00:00:00.000Z', 'requestsWaitingOnCsp')).toEqual({ count: 1, ids: [monday.id] });
    expect(await tileAt('2026-03-06T23:59:59.999Z', 'requestsWaitingOnCsp')).toEqual({ count: 1, ids: [monday.id] });
    expect(await tileAt('2026-03-07T00:00:00.000Z', 'requestsWaitingOnCsp')).toEqual({ count: 2, ids: [monday.id, tuesday.id] });
  });

  it('shows a written record overdue from its due instant, as the deadline poller flags it', async () => {
    t.clock.set('2026-03-09T10:00:00.000Z');
    const oral = await world.oralGrant('oral grant Monday 9 March', 'tvp');
    expect(oral.writtenRecordDueAt?.toISOString()).toBe('2026-03-10T23:59:59.999Z');
    expect(await tileAt('2026-03-10T23:59:59.998Z', 'writtenRecordsOverdue')).toEqual({ count: 0, ids: [] });
    expect(await tileAt('2026-03-10T23:59:59.999Z', 'writtenRecordsOverdue')).toEqual({ count: 1, ids: [oral.id] });
  });

  it('counts an authorisation as ending soon until its last instant, and not once it has ended', async () => {
    t.clock.set('2026-03-16T10:00:00.000Z');
    const app = await world.granted('granted Monday 16 March', 'tvp');
    // A month from 16 March ends at the end of 15 April (BST): ending soon from the first instant of 10 April, five days before.
    expect(app.expiresAt?.toISOString()).toBe('2026-04-15T22:59:59.999Z');
    expect(await tileAt('2026-04-09T22:59:59.999Z', 'authorisationsEndingSoon')).toEqual({ count: 0, ids: [] });
    expect(await tileAt('2026-04-09T23:00:00.000Z', 'authorisationsEndingSoon')).toEqual({ count: 1, ids: [app.id] });
    expect(await tileAt('2026-04-15T22:59:59.998Z', 'authorisationsEndingSoon')).toEqual({ count: 1, ids: [app.id] });
    expect(await tileAt('2026-04-15T22:59:59.999Z', 'authorisationsEndingSoon')).toEqual({ count: 0, ids: [] });
  });

  it('counts a report as due soon up to its due instant and overdue from the next', async () => {
    t.clock.set('2026-04-16T10:00:00.000Z');
    const entry = await world.error('established 16 April', 'tvp', '2026-04-16T09:00:00.000Z', 'relevantError');
    // 17, 20, 21, 22, 23, 24, 27, 28, 29, 30 April.
    expect(entry.dueAt?.toISOString()).toBe('2026-04-30T22:59:59.999Z');
    // Due soon from Monday 27 April, London time, after which three working days remain (28, 29, 30); on Sunday four.
    expect(await tileAt('2026-04-26T22:59:59.999Z', 'errorReportsDueSoon')).toEqual({ count: 0, ids: [] });
    expect(await tileAt('2026-04-26T23:00:00.000Z', 'errorReportsDueSoon')).toEqual({ count: 1, ids: [entry.id] });
    expect(await tileAt('2026-04-30T22:59:59.999Z', 'errorReportsDueSoon')).toEqual({ count: 1, ids: [entry.id] });
    expect(await tileAt('2026-04-30T22:59:59.999Z', 'errorReportsOverdue')).toEqual({ count: 0, ids: [] });
    expect(await tileAt('2026-04-30T23:00:00.000Z', 'errorReportsOverdue')).toEqual({ count: 1, ids: [entry.id] });
    expect(await tileAt('2026-04-30T23:00:00.000Z', 'errorReportsDueSoon')).toEqual({ count: 0, ids: [] });
  });
});
