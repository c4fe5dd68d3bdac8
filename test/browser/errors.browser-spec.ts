/**
 * The manager's part of issue 20 in Chromium, with JavaScript on and off, on a fresh database: a failed check on a
 * CSP return raises a suspected error (set up through the outbox, as the disclosures feature does); the SRO finds it
 * in the register, records it, assesses it, has the incomplete report refused with the rule's words, reports it to
 * the IPC and downloads the report as a PDF, kept out of caches. Every page is audited (test/browser/support/journey.ts).
 */
import type { Browser } from 'playwright-core';
import { CD_ERROR_RULE_CATALOGUE } from '../../src/workflow/cd-error.rule-codes';
import { createSuspected, getError } from '../support/errors-http';
import { bodyText, extractPdfText } from '../support/errors-pdf-text';
import type { TestApp } from '../support/test-app';
import { assessError, downloadIpcReport, openSuspectedError, recordError, reportToIpc } from './steps/errors';
import { launchChromium } from './support/chromium';
import { Journey } from './support/journey';
import { servedApp } from './support/served-app';

describe.each([
  ['JavaScript on', true],
  ['JavaScript off', false],
])('the error register in Chromium (%s)', (mode, javaScript) => {
  let browser: Browser;
  let t: TestApp;
  let journey: Journey;

  beforeAll(async () => {
    browser = await launchChromium();
    const served = await servedApp();
    t = served.t;
    journey = new Journey(browser, served.baseUrl, javaScript, `errors-${javaScript ? 'js' : 'no-js'}`);
  });
  afterAll(async () => {
    await journey?.close();
    await browser?.close();
    await t?.close();
  });

  it(`finds the suspected error a failed return check raised, records, assesses and reports it, and downloads the PDF (${mode})`, async () => {
    const suspected = await createSuspected(t, 'sro', 'the subscriber returned is not the one requested');
    const { page, check } = await journey.as('sro');
    await openSuspectedError(page, check, 'A check on a CSP return failed: msisdnMatchesRequest');
    await recordError(page, check);
    await assessError(page, check);
    await reportToIpc(page, check, CD_ERROR_RULE_CATALOGUE.ERROR_REPORT_INCOMPLETE.message);
    expect(await getError(t, 'sro', suspected.id)).toMatchObject({ status: 'reportedToIpc', kind: 'relevantError' });
    const { pdf, cacheControl, contentType } = await downloadIpcReport(page);
    expect({ cacheControl, contentType }).toEqual({ cacheControl: 'no-store', contentType: 'application/pdf' });
    const text = bodyText(await extractPdfText(pdf), 'OFFICIAL-SENSITIVE');
    expect(text).toContain('the subscriber returned is not the one requested');
    expect(text).toContain('Numbers are now read back before submission.');
    expect(journey.pagesChecked.length).toBeGreaterThanOrEqual(10);
  });
});
