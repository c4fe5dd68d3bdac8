import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../support/test-app';
import { axeViolations, describeViolations } from './page-audit';

/** Where every page's screenshot goes; `.ci/run` keeps `.ci/out` (docs/web.md, "Browser tests"). */
export const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? join(process.cwd(), '.ci', 'out', 'screenshots');

/** What a journey's step calls after landing on a page: screenshot, accessibility audit, marking, CSP. */
export type Check = (name: string) => Promise<void>;

/**
 * One journey through the web pages in one browser: each person in a context of their own (their own cookies),
 * JavaScript on or off for all of them. Every page a step lands on is checked: a full-page screenshot, axe-core's
 * WCAG 2.2 A/AA audit with no violation allowed, the protective marking at top and foot, and no Content Security
 * Policy violation reported by the browser.
 */
export class Journey {
  private readonly contexts: BrowserContext[] = [];
  private auditPage: Page | undefined;
  private shots = 0;
  readonly pagesChecked: string[] = [];

  constructor(
    private readonly browser: Browser,
    readonly baseUrl: string,
    readonly javaScript: boolean,
    private readonly folder: string,
  ) {
    mkdirSync(join(SCREENSHOT_DIR, folder), { recursive: true });
  }

  /** A new browser window for `username`, signed in through the sign-in page; its `check` for the steps. */
  async as(username: string): Promise<{ page: Page; check: Check }> {
    const context = await this.browser.newContext({ baseURL: this.baseUrl, javaScriptEnabled: this.javaScript });
    this.contexts.push(context);
    const page = await context.newPage();
    const cspViolations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    const check: Check = async (name) => {
      await page.waitForLoadState('load');
      this.shots += 1;
      const label = `${String(this.shots).padStart(2, '0')}-${username}-${name}`;
      this.pagesChecked.push(label);
      await page.screenshot({ path: join(SCREENSHOT_DIR, this.folder, `${label}.png`), fullPage: true });
      const marking = await page.getByText('OFFICIAL-SENSITIVE', { exact: true }).count();
      if (marking < 2) throw new Error(`${label}: the protective marking is not at the top and foot of ${page.url()}`);
      const violations = await axeViolations(page, await this.audit(), this.baseUrl);
      if (violations.length) throw new Error(`${label}: axe-core found WCAG 2.2 A/AA violations on ${page.url()}:\n${describeViolations(violations)}`);
      if (cspViolations.length) throw new Error(`${label}: Content Security Policy violations on ${page.url()}:\n${cspViolations.join('\n')}`);
    };
    await this.signIn(page, username, check);
    return { page, check };
  }

  /** Signs `page` in as `username` through the form, checking the sign-in page on the way. */
  async signIn(page: Page, username: string, check: Check): Promise<void> {
    await page.goto('/sign-in');
    await check('sign-in');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForLoadState('load');
  }

  /** Signs out through the header's link and the confirmation page. */
  async signOut(page: Page, check: Check): Promise<void> {
    await page.getByRole('link', { name: 'Sign out' }).click();
    await check('sign-out');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await check('signed-out');
  }

  async close(): Promise<void> {
    for (const context of this.contexts) await context.close();
    if (this.auditPage) await this.auditPage.context().close();
  }

  private async audit(): Promise<Page> {
    if (!this.auditPage) this.auditPage = await (await this.browser.newContext({ javaScriptEnabled: true })).newPage();
    return this.auditPage;
  }
}
