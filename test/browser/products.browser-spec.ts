/**
 * The product pages' steps in Chromium (issue 20), with JavaScript on and off, on a fresh database whose application
 * has its returns checked (set up through the API): the SPOC issues a final product after its preview and records
 * sending it; the investigator opens it from "My products", reads the handling caveat and downloads it; the download
 * is in the dissemination log as the API records it, and every download is never cached.
 */
import type { Browser } from 'playwright-core';
import { checkedAcquisition, type Acquisition } from '../support/products-http';
import { bearer, cspIds } from '../support/returns-http';
import type { TestApp } from '../support/test-app';
import { launchChromium } from './support/chromium';
import { Journey } from './support/journey';
import { servedApp } from './support/served-app';
import { downloadApplicationRecord, issueProduct, openProductAndDownload, recordSending } from './steps/products';

describe.each([
  ['JavaScript on', true],
  ['JavaScript off', false],
])('the product pages in Chromium (%s)', (mode, javaScript) => {
  let browser: Browser;
  let t: TestApp;
  let journey: Journey;
  let acquisition: Acquisition;

  beforeAll(async () => {
    browser = await launchChromium();
    const served = await servedApp();
    t = served.t;
    acquisition = await checkedAcquisition(t, await cspIds(t));
    journey = new Journey(browser, served.baseUrl, javaScript, `products-${javaScript ? 'js' : 'no-js'}`);
  });
  afterAll(async () => {
    await journey?.close();
    await browser?.close();
    await t?.close();
  });

  it(`issues a final product that the investigator reads and downloads (${mode})`, async () => {
    const { app } = acquisition;
    const spoc = await journey.as('spoc');
    const productPath = await issueProduct(spoc.page, spoc.check, app.id);
    expect(productPath).toMatch(/^\/web\/products\/[0-9a-f-]{36}$/);
    await recordSending(spoc.page, spoc.check, 'DS Sam Second');
    const record = await downloadApplicationRecord(spoc.page, app.id);
    expect(record).toMatchObject({ status: 200, contentType: 'application/pdf', cacheControl: 'no-store' });

    const investigator = await journey.as('applicant');
    const pdf = await openProductAndDownload(investigator.page, investigator.check, `Final product 1 of ${app.urn}`, 'INTELLIGENCE ONLY - NOT FOR EVIDENTIAL USE WITHOUT FURTHER AUTHORITY');
    expect(pdf).toMatchObject({ status: 200, contentType: 'application/pdf', cacheControl: 'no-store' });
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const log = await t.http().get(`/applications/${app.id}/disseminations`).set('authorization', await bearer(t, 'spoc')).expect(200);
    const entries = (log.body as { items: { action: string; recipient: { displayName: string } }[] }).items.map((e) => [e.action, e.recipient.displayName]);
    expect(entries).toEqual([
      ['sent', 'DS Sam Second'],
      ['downloaded', 'DC Alex Applicant'],
    ]);
  });
});
