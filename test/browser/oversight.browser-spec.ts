/**
 * The manager's oversight steps (test/browser/steps/oversight.ts) in Chromium, with JavaScript on and off, on a fresh
 * database set up through the API: the SRO opens the dashboard and follows a count, opens the statistics return for a
 * period, follows a figure to its records and downloads the XLSX, which is never cached. Every page is audited
 * (test/browser/support/journey.ts).
 */
import type { Browser } from 'playwright-core';
import { DashboardWorld, type ModelApplication } from '../support/dashboard-world';
import type { TestApp } from '../support/test-app';
import { readXlsxRows } from '../support/xlsx-rows';
import { launchChromium } from './support/chromium';
import { Journey } from './support/journey';
import { servedApp } from './support/served-app';
import { downloadReturn, followFigure, followTile, openDashboard, openStatisticsReturn } from './steps/oversight';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe.each([
  ['JavaScript on', true],
  ['JavaScript off', false],
])('the manager’s oversight in Chromium (%s)', (mode, javaScript) => {
  let browser: Browser;
  let t: TestApp;
  let journey: Journey;
  let granted: ModelApplication;
  let other: ModelApplication;

  beforeAll(async () => {
    browser = await launchChromium();
    const served = await servedApp();
    t = served.t;
    journey = new Journey(browser, served.baseUrl, javaScript, `oversight-${javaScript ? 'js' : 'no-js'}`);
    const world = new DashboardWorld(t);
    granted = await world.granted('granted', 'tvp');
    other = await world.granted('other', 'ham');
  });
  afterAll(async () => {
    await journey?.close();
    await browser?.close();
    await t?.close();
  });

  it(`opens the dashboard, the return for a period, follows a figure to its records and downloads the XLSX (${mode})`, async () => {
    const { page, check } = await journey.as('sro');
    expect(await openDashboard(page, check)).toBe(1);
    await followTile(page, check);
    await page.getByRole('link', { name: granted.urn, exact: true }).waitFor();
    expect(await page.getByText(other.urn).count()).toBe(0);

    // A period the service refuses is shown again with its reason in the error summary (audited too).
    await page.goto('/web/statistics?from=2026-03-02&to=2026-01-01');
    await check('statistics-period-refused');
    await page.getByRole('link', { name: 'To (2026-01-01) is before from (2026-03-02).', exact: true }).waitFor();

    await openStatisticsReturn(page, check, { day: '1', month: '1', year: '2026' }, { day: '2', month: '3', year: '2026' });
    await page.getByRole('heading', { name: 'Thames Valley Police, 1 January 2026 to 2 March 2026' }).waitFor();
    const { download, headers, body } = await downloadReturn(page, 'XLSX');
    expect(download.suggestedFilename()).toBe('statistics-return-2026-01-01-to-2026-03-02.xlsx');
    expect(headers['cache-control']).toBe('no-store');
    expect(headers['content-type']).toBe(XLSX);
    expect((await readXlsxRows(body))[0][0]).toEqual({ type: 'text', value: 'OFFICIAL-SENSITIVE' });

    expect(await followFigure(page, check, 'Authorisations by route', 'OCDA, on behalf of the Investigatory Powers Commissioner (IPA s.60A)')).toBe(1);
    await page.getByRole('link', { name: granted.urn, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(granted.urn) }).waitFor();
  });
});
