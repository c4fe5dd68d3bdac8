/**
 * The stack in a real browser, with JavaScript on and off: the sign-in page renders, passes axe-core, runs its
 * one inline script under the CSP nonce (JavaScript on: GOV.UK's `js-enabled` class is set, no CSP report),
 * and signs in to the start page.
 */
import { inChromium } from './support/in-chromium';

describe.each([true, false])('the web stack in Chromium (JavaScript %s)', (javaScript) => {
  const suite = inChromium('stack', javaScript);

  it('signs in through the form and lands on the start page, every page accessible', async () => {
    const journey = suite.journey();
    const { page, check } = await journey.as('applicant');
    expect(new URL(page.url()).pathname).toBe('/web/applications');
    const enabled = await page.locator('body.js-enabled').count();
    expect(enabled).toBe(javaScript ? 1 : 0);
    await journey.signOut(page, check);
    expect(journey.pagesChecked.length).toBeGreaterThanOrEqual(3);
  });
});
