/**
 * The manager's oversight pages (issue 20, item 4; docs/statistics.md §1–§5), through HTTP on both databases: the
 * dashboard and the records behind each count, the statistics return for a period with every count a link to the
 * records it counts, and its downloads, which are the API's own files. Each authority's SRO sees their own figures
 * only; the roles the API refuses get the "You cannot do that" page. The pages are GETs: nothing here posts.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import type TestAgent from 'supertest/lib/agent';
import type { StatisticsReturn } from '../../src/reporting/public-api';
import { DashboardWorld, type ModelApplication, type ModelError, type ModelRequest } from '../support/dashboard-world';
import { binaryBody, extractPdfText } from '../support/errors-pdf-text';
import { createTestApp, isPostgres, type TestApp } from '../support/test-app';
import { agentsFor } from '../support/web-session';
import { readXlsxRows } from '../support/xlsx-rows';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** 1 January to the test clock's day (2 March 2026): what the form offers first, and the period used throughout. */
const PERIOD = 'from=2026-01-01&to=2026-03-02';
const BOXES = { 'from-day': '1', 'from-month': '1', 'from-year': '2026', 'to-day': '2', 'to-month': '3', 'to-year': '2026' };
const cellPath = (figure: string, key: string) => `/web/statistics/records?${PERIOD}&figure=${encodeURIComponent(figure)}&key=${encodeURIComponent(key)}`;

/** Every count link on a page of the return: its path (HTML-unescaped) and the number it shows. */
function countLinks(html: string): Map<string, number> {
  const links = new Map<string, number>();
  for (const match of html.matchAll(/<a class="govuk-link" href="(\/web\/statistics\/records\?[^"]+)">(\d+)</g)) links.set(match[1].replace(/&amp;/g, '&'), Number(match[2]));
  return links;
}

describe(`the manager's oversight pages (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;
  let as: (username: string) => Promise<TestAgent>;
  let granted: ModelApplication;
  let draft: ModelApplication;
  let hamGranted: ModelApplication;
  let error: ModelError;
  let request: ModelRequest;

  beforeAll(async () => {
    t = await createTestApp();
    as = agentsFor(() => t);
    const world = new DashboardWorld(t);
    t.clock.set('2026-02-09T10:00:00.000Z');
    granted = await world.granted('granted', 'tvp');
    request = await world.requestEvent(await world.request('sent', granted), { type: 'SEND' });
    t.clock.set('2026-02-16T10:00:00.000Z');
    error = await world.error('error', 'tvp', '2026-02-16T09:00:00.000Z', 'relevantError');
    hamGranted = await world.granted('ham granted', 'ham');
    t.clock.set('2026-03-02T09:00:00.000Z');
    draft = await world.draft('draft', 'tvp');
    t.clock.set('2026-03-02T10:00:00.000Z');
  });
  afterAll(() => t.close());

  async function api<T>(user: string, path: string): Promise<T> {
    const res = await t.http().get(path).set('authorization', `Bearer ${await t.token(user)}`).expect(200);
    return res.body as T;
  }

  async function download(user: string, path: string): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
    const res = await (await as(user)).get(path).buffer(true).parse(binaryBody);
    return { status: res.status, headers: res.headers, body: res.body as Buffer };
  }

  describe('the dashboard', () => {
    it('shows every tile of the API’s dashboard with its count, each linked to the records behind it', async () => {
      const page = await (await as('sro')).get('/web/oversight').expect(200);
      const dashboard = await api<{ asOfLondon: string; tiles: { id: string; title: string; count: number }[] }>('sro', '/dashboard');
      expect(page.text).toContain('<h1 class="govuk-heading-l">Oversight dashboard</h1>');
      expect(page.text).toContain(dashboard.asOfLondon);
      for (const tile of dashboard.tiles) {
        expect(page.text).toContain(`href="/web/oversight/tiles/${tile.id}" data-testid="tile-${tile.id}">${tile.count}<`);
      }
      expect(dashboard.tiles.find((tile) => tile.id === 'openApplications')?.count).toBe(2);
      expect(page.text).toContain('href="/web/oversight/tiles/openApplications?state=draft&amp;ageBand=upTo2">1<');
      expect(page.text).toContain('href="/web/oversight/tiles/openApplications?state=authorised&amp;ageBand=over10">1<');
    });

    it('lists the records behind a count, each linked to its page; a state and band narrow the open applications', async () => {
      const sro = await as('sro');
      const all = await sro.get('/web/oversight/tiles/openApplications').expect(200);
      expect(all.text).toContain(`<a class="govuk-link" href="/web/applications/${granted.id}">${granted.urn}</a>`);
      expect(all.text).toContain(`<a class="govuk-link" href="/web/applications/${draft.id}">${draft.urn}</a>`);
      expect(all.text).toContain('2 records, most pressing first.');
      const narrowed = await sro.get('/web/oversight/tiles/openApplications?state=draft&ageBand=upTo2&page=').expect(200);
      expect(narrowed.text).toContain('Open applications: Draft, 2 working days or fewer');
      expect(narrowed.text).toContain(draft.urn);
      expect(narrowed.text).not.toContain(granted.urn);
      const empty = await sro.get('/web/oversight/tiles/writtenRecordsOverdue').expect(200);
      expect(empty.text).toContain('Nothing is counted here now.');
    });

    it('links a request waiting on its CSP to its page for a SPOC, who may open it; names it for the SRO, who may not', async () => {
      const spoc = await (await as('spoc')).get('/web/oversight/tiles/requestsWaitingOnCsp').expect(200);
      expect(spoc.text).toContain(`<a class="govuk-link" href="/web/disclosure-requests/${request.id}">Request ${request.id} under ${granted.urn}</a>`);
      const sro = await (await as('sro')).get('/web/oversight/tiles/requestsWaitingOnCsp').expect(200);
      expect(sro.text).toContain(`Request ${request.id} under ${granted.urn}`);
      expect(sro.text).not.toContain(`href="/web/disclosure-requests/${request.id}"`);
    });

    it('refuses what the API refuses, with its words: a state on another tile, an unknown tile', async () => {
      const sro = await as('sro');
      const wrong = await sro.get('/web/oversight/tiles/writtenRecordsOverdue?state=draft').expect(400);
      expect(wrong.text).toContain('The writtenRecordsOverdue tile has no state');
      await sro.get('/web/oversight/tiles/everything').expect(400);
    });

    it('shows each authority its own records only: another force’s SRO never sees these', async () => {
      const other = await as('other-sro');
      const page = await other.get('/web/oversight').expect(200);
      expect(page.text).toContain('data-testid="tile-openApplications">1<');
      const list = await other.get('/web/oversight/tiles/openApplications').expect(200);
      expect(list.text).toContain(hamGranted.urn);
      expect(list.text).not.toContain(granted.urn);
      expect(list.text).not.toContain(draft.urn);
      const mine = await (await as('sro')).get('/web/oversight/tiles/openApplications').expect(200);
      expect(mine.text).not.toContain(hamGranted.urn);
    });

    it('is open to the SPOCs and the SRO, as the API is; every other role gets the 403 page', async () => {
      await (await as('spoc')).get('/web/oversight').expect(200);
      for (const username of ['applicant', 'dso', 'ocda', 'jc', 'admin']) {
        const res = await (await as(username)).get('/web/oversight');
        expect({ username, status: res.status }).toEqual({ username, status: 403 });
        expect(res.text).toContain('You cannot do that');
        expect((await (await as(username)).get('/web/oversight/tiles/openApplications')).status).toBe(403);
      }
    });
  });

  describe('the statistics return', () => {
    it('first offers this year so far, in a GET form (nothing to post, so no CSRF token to need)', async () => {
      const page = await (await as('sro')).get('/web/statistics').expect(200);
      expect(page.text).toContain('<form method="get" action="/web/statistics"');
      expect(page.text).not.toMatch(/method="post"/i);
      expect(page.text).toMatch(/id="from" name="from-day" type="text" value="1"/);
      expect(page.text).toMatch(/id="to" name="to-day" type="text" value="2"/);
      expect(page.text).not.toContain('data-testid="return-heading"');
    });

    it('shows the return for a period with every count the API gives, each a link to its records', async () => {
      const page = await (await as('sro')).get('/web/statistics').query(BOXES).expect(200);
      expect(page.text).toContain('Thames Valley Police, 1 January 2026 to 2 March 2026');
      const ret = await api<StatisticsReturn>('sro', `/returns/statistics?${PERIOD}`);
      const links = countLinks(page.text);
      const cells = ret.sections.flatMap((s) => s.figures.flatMap((f) => f.cells.map((c) => [cellPath(f.id, c.key), c.count] as const)));
      expect(cells.length).toBeGreaterThan(20);
      expect(links).toEqual(new Map(cells));
      expect(links.get(cellPath('authorisations.byRoute', 'ipc60A'))).toBe(1);
      for (const format of ['csv', 'xlsx', 'pdf']) expect(page.text).toContain(`href="/web/statistics/download?${PERIOD.replace('&', '&amp;')}&amp;format=${format}"`);
    });

    it('follows a count to exactly the records it counts, each linked to its page', async () => {
      const sro = await as('sro');
      const byRoute = await sro.get(cellPath('authorisations.byRoute', 'ipc60A')).expect(200);
      expect(byRoute.text).toContain('Authorisations by route: ');
      expect(byRoute.text).toContain('1 record counted.');
      expect(byRoute.text).toContain(`<a class="govuk-link" href="/web/applications/${granted.id}">${granted.urn}</a>`);
      expect(byRoute.text).not.toContain(hamGranted.urn);
      expect(byRoute.text).toContain(`href="/web/statistics?${PERIOD.replace('&', '&amp;')}"`);
      const errors = await sro.get(cellPath('errors.byKind', 'relevantError')).expect(200);
      expect(errors.text).toContain(`href="/web/errors/${error.id}"`);
      const past = await sro.get(`${cellPath('authorisations.byRoute', 'ipc60A')}&page=2`).expect(200);
      expect(past.text).toContain(`This page is past the last record. <a class="govuk-link" href="${cellPath('authorisations.byRoute', 'ipc60A').replace(/&/g, '&amp;')}">Go to the first page</a>.`);
      const none = await sro.get(cellPath('authorisations.byRoute', 'dso61')).expect(200);
      expect(none.text).toContain('No record is counted here in this period.');
    });

    it('names what is wrong with a period: the boxes here, the period’s rule in the service’s words at its field', async () => {
      const sro = await as('sro');
      const missing = await sro.get('/web/statistics').query({ ...BOXES, 'from-month': '', 'to-day': '30', 'to-month': '2' }).expect(400);
      expect(missing.text).toContain('<a href="#from">The first day must include a month.</a>');
      expect(missing.text).toContain('<a href="#to">The last day must be a real date.</a>');
      expect(missing.text).toContain('value="30"');
      const backwards = await sro.get('/web/statistics').query({ ...BOXES, 'to-month': '1', 'to-year': '2025' }).expect(400);
      expect(backwards.text).toContain('<a href="#to">To (2025-01-02) is before from (2026-01-01).</a>');
      const long = await sro.get('/web/statistics').query({ ...BOXES, 'to-year': '2027' }).expect(400);
      expect(long.text).toContain('A return covers at most 13 months: from 2026-01-01 the last day may be 2027-01-31.');
      expect(long.text).not.toContain('data-testid="return-heading"');
      const link = await sro.get('/web/statistics?from=2026-02-30&to=2026-03-02').expect(400);
      expect(link.text).toContain('<a href="#from">The first day must be a real date.</a>');
      await sro.get(`/web/statistics/records?${PERIOD}&figure=nonsense&key=x`).expect(400);
    });

    it('gives another authority’s SRO their own figures and records from the same links', async () => {
      const other = await as('other-sro');
      const page = await other.get(`/web/statistics?${PERIOD}`).expect(200);
      expect(page.text).toContain('Hampshire');
      expect(page.text).not.toContain('Thames Valley Police');
      const ret = await api<StatisticsReturn>('other-sro', `/returns/statistics?${PERIOD}`);
      expect(countLinks(page.text)).toEqual(new Map(ret.sections.flatMap((s) => s.figures.flatMap((f) => f.cells.map((c) => [cellPath(f.id, c.key), c.count] as const)))));
      const records = await other.get(cellPath('authorisations.byRoute', 'ipc60A')).expect(200);
      expect(records.text).toContain(hamGranted.urn);
      expect(records.text).not.toContain(granted.urn);
      const errors = await other.get(cellPath('errors.byKind', 'relevantError')).expect(200);
      expect(errors.text).not.toContain(error.id);
    });

    it('is the SRO’s alone, as the API’s return is: every other role gets the 403 page on every page and download', async () => {
      const paths = ['/web/statistics', `/web/statistics?${PERIOD}`, cellPath('authorisations.byRoute', 'ipc60A'), `/web/statistics/download?${PERIOD}&format=xlsx`, `${cellPath('authorisations.byRoute', 'ipc60A').replace('/records?', '/records/download?')}&format=csv`];
      for (const username of ['spoc', 'applicant', 'dso', 'ocda', 'admin']) {
        for (const path of paths) {
          const res = await (await as(username)).get(path);
          expect({ username, path, status: res.status }).toEqual({ username, path, status: 403 });
          expect(res.text).toContain('You cannot do that');
        }
      }
    });
  });

  describe('the downloads', () => {
    it('the XLSX is the API’s file, byte for byte: an attachment, never cached, marked in its first row', async () => {
      const file = await download('sro', `/web/statistics/download?${PERIOD}&format=xlsx`);
      expect(file.status).toBe(200);
      expect(file.headers['content-type']).toBe(XLSX);
      expect(file.headers['cache-control']).toBe('no-store');
      expect(file.headers['content-disposition']).toBe('attachment; filename="statistics-return-2026-01-01-to-2026-03-02.xlsx"');
      const fromApi = await t.http().get(`/returns/statistics?${PERIOD}&format=xlsx`).set('authorization', `Bearer ${await t.token('sro')}`).buffer(true).parse(binaryBody);
      expect(file.body.equals(fromApi.body as Buffer)).toBe(true);
      const rows = await readXlsxRows(file.body);
      expect(rows[0][0]).toEqual({ type: 'text', value: 'OFFICIAL-SENSITIVE' });
      const byRoute = rows.find((row) => row.some((cell) => cell.value === 'ipc60A'));
      expect(byRoute?.some((cell) => cell.type === 'number' && cell.value === 1)).toBe(true);
    });

    it('the CSV and the PDF likewise; a format the page does not offer is refused', async () => {
      const csv = await download('sro', `/web/statistics/download?${PERIOD}&format=csv`);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.headers['cache-control']).toBe('no-store');
      expect(csv.headers['content-disposition']).toBe('attachment; filename="statistics-return-2026-01-01-to-2026-03-02.csv"');
      const rows: string[][] = parseCsv(csv.body.toString('utf8'), { bom: true, relaxColumnCount: true });
      expect(rows[0][0]).toBe('OFFICIAL-SENSITIVE');
      const pdf = await download('sro', `/web/statistics/download?${PERIOD}&format=pdf`);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.headers['cache-control']).toBe('no-store');
      expect(pdf.headers['content-disposition']).toBe('attachment; filename="statistics-return-2026-01-01-to-2026-03-02.pdf"');
      const text = (await extractPdfText(pdf.body)).pages.map((p) => p.text).join('\n');
      expect(text).toContain('OFFICIAL-SENSITIVE');
      expect(text).toContain('Thames Valley Police');
      expect((await download('sro', `/web/statistics/download?${PERIOD}&format=json`)).status).toBe(400);
      expect((await download('sro', `/web/statistics/download?from=2026-03-02&to=2026-01-01&format=xlsx`)).status).toBe(400);
    });

    it('a cell’s records as CSV and XLSX, the page shown: the API’s list, never cached', async () => {
      const path = `${cellPath('authorisations.byRoute', 'ipc60A').replace('/records?', '/records/download?')}`;
      const csv = await download('sro', `${path}&format=csv`);
      expect(csv.status).toBe(200);
      expect(csv.headers['cache-control']).toBe('no-store');
      expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="statistics-authorisations\.byRoute-ipc60A-2026-01-01-to-2026-03-02-page-1\.csv"$/);
      expect(csv.body.toString('utf8')).toContain(granted.urn);
      const xlsx = await download('sro', `${path}&format=xlsx`);
      expect(xlsx.headers['content-type']).toBe(XLSX);
      const rows = await readXlsxRows(xlsx.body);
      expect(rows.flat().some((cell) => cell.value === granted.urn)).toBe(true);
      const other = await download('other-sro', `${path}&format=csv`);
      expect(other.body.toString('utf8')).not.toContain(granted.urn);
      expect(other.body.toString('utf8')).toContain(hamGranted.urn);
    });
  });
});
