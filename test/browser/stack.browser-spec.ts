/**
 * The stack in a real browser, with JavaScript on and off: the sign-in page renders, passes axe-core, runs its
 * one inline script under the CSP nonce (JavaScript on: GOV.UK's `js-enabled` class is set, no CSP report),
 * and signs in to the start page.
 */
import type { Browser } from 'playwright-core';
import type { TestApp } from '../support/test-app';
import { launchChromium } from './support/chromium';
import { Journey } from './support/journey';
import { servedApp } from './support/served-app';

describe.each([true, false])('the web stack in Chromium (JavaScript %s)', (javaScript) => {
  let browser: Browser;
  let t: TestApp;
  let journey: Journey;

  beforeAll(async () => {
    browser = await launchChromium();
    const served = await servedApp();
    t = served.t;
    journey = new Journey(browser, served.baseUrl, javaScript, `stack-${javaScript ? 'js' : 'no-js'}`);
  });
  afterAll(async () => {
    await journey.close();
    await browser.close();
    await t.close();
  });

  it('signs in through the form and lands on the start page, every page accessible', async () => {
    const { page, check } = await journey.as('applicant');
    expect(new URL(page.url()).pathname).toBe('/web/applications');
    const enabled = await page.locator('body.js-enabled').count();
    expect(enabled).toBe(javaScript ? 1 : 0);
    await journey.signOut(page, check);
    expect(journey.pagesChecked.length).toBeGreaterThanOrEqual(3);
  });
});
