import type { Browser } from 'playwright-core';
import type { TestApp } from '../../support/test-app';
import { launchChromium } from './chromium';
import { Journey } from './journey';
import { servedApp } from './served-app';

/** What a suite of journeys uses: the served app (for setting data up through the API) and the journey. */
export interface ChromiumSuite {
  t: () => TestApp;
  journey: () => Journey;
}

/**
 * Registers the suite's setup: Chromium, the service on a fresh database listening on a free port, and one
 * {@link Journey} with JavaScript on or off whose screenshots go in `<folder>-js` or `<folder>-no-js`; all closed
 * after the suite.
 */
export function inChromium(folder: string, javaScript: boolean): ChromiumSuite {
  let browser: Browser | undefined;
  let t: TestApp | undefined;
  let journey: Journey | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
    const served = await servedApp();
    t = served.t;
    journey = new Journey(browser, served.baseUrl, javaScript, `${folder}-${javaScript ? 'js' : 'no-js'}`);
  });
  afterAll(async () => {
    await journey?.close();
    await browser?.close();
    await t?.close();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('inChromium: the suite has not started');
    return value;
  };
  return { t: () => ready(t), journey: () => ready(journey) };
}
