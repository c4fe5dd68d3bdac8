/**
 * The product pages driven in a browser (issue 20, items 2 and 5): the SPOC issues a product after previewing its
 * first page and records that it sent it to someone; the investigator opens "My products", reads the handling caveat
 * and downloads the PDF. Links, radios, a select and one submit button each, so every step works with JavaScript on
 * and off. A download is fetched with the page's own cookies (`page.request`), as the browser would fetch it, so
 * its headers and bytes can be checked; each step calls `check` on every page it lands on.
 */
import type { Page } from 'playwright-core';

type Check = (name: string) => Promise<void>;

/** A download as the browser received it. */
export interface Downloaded {
  status: number;
  contentType: string;
  cacheControl: string;
  bytes: Buffer;
}

export interface IssueChoice {
  kind: 'Interim product' | 'Final product';
  handling: 'Intelligence product' | 'Evidential product';
  /** Required for an evidential product. */
  exhibitReference?: string;
}

/**
 * From anywhere, as the SPOC: opens the products of application `applicationId`, issues the product `choice` after
 * checking its first page in the preview, and lands on the product's page. Returns that page's path.
 */
export async function issueProduct(page: Page, check: Check, applicationId: string, choice: IssueChoice = { kind: 'Final product', handling: 'Intelligence product' }): Promise<string> {
  await page.goto(`/web/applications/${applicationId}/products`);
  await check('spoc-products');
  await page.getByRole('button', { name: 'Issue a product', exact: true }).click();
  await check('spoc-issue-product');
  await page.getByLabel(choice.kind, { exact: true }).check();
  await page.getByLabel(choice.handling, { exact: true }).check();
  if (choice.exhibitReference) await page.getByLabel('Exhibit reference (evidential products only)', { exact: true }).fill(choice.exhibitReference);
  await page.getByRole('button', { name: 'Preview the first page', exact: true }).click();
  await check('spoc-product-preview');
  await page.getByRole('heading', { name: 'First page of the product', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Issue the product', exact: true }).click();
  await check('spoc-product-issued');
  return new URL(page.url()).pathname;
}

/** On a product's page, as the SPOC: records that they sent it to `recipient` (a name as the list shows it), with `note`. */
export async function recordSending(page: Page, check: Check, recipient: string, note = 'For the briefing before the arrest.'): Promise<void> {
  await page.getByRole('link', { name: /^Record that you sent .* to someone$/ }).click();
  await check('spoc-product-send');
  await page.getByLabel('Who received it', { exact: true }).selectOption({ label: recipient });
  await page.getByLabel('Why they received it', { exact: true }).fill(note);
  await page.getByRole('button', { name: 'Record the sending', exact: true }).click();
  await check('spoc-product-sent');
  await page.getByRole('table', { name: /^Dissemination log/ }).getByText(recipient).first().waitFor();
}

/** On the SPOC's products page of an application: downloads the application record PDF through its link. */
export async function downloadApplicationRecord(page: Page, applicationId: string): Promise<Downloaded> {
  await page.goto(`/web/applications/${applicationId}/products`);
  const href = await page.getByRole('link', { name: /^Download the application record of .* \(PDF\)$/ }).getAttribute('href');
  return fetched(page, href);
}

/**
 * As the investigator: opens "My products" from the navigation, then the product `productLink` (its link text, e.g.
 * "Final product 1 of TVP/2026/000001"), reads its handling caveat, which comes before the download, and downloads it.
 */
export async function openProductAndDownload(page: Page, check: Check, productLink: string, caveat: string): Promise<Downloaded> {
  await page.getByRole('link', { name: 'My products', exact: true }).click();
  await check('my-products');
  await page.getByRole('link', { name: productLink, exact: true }).click();
  await check('product-with-caveat');
  const warning = page.locator('.govuk-warning-text').filter({ hasText: caveat });
  await warning.waitFor();
  const download = page.getByRole('button', { name: /^Download .* \(PDF, .*\)$/ });
  const [caveatBox, downloadBox] = [await warning.boundingBox(), await download.boundingBox()];
  if (!caveatBox || !downloadBox || caveatBox.y >= downloadBox.y) throw new Error('the handling caveat is not shown before the download');
  return fetched(page, await download.getAttribute('href'));
}

async function fetched(page: Page, href: string | null): Promise<Downloaded> {
  if (!href) throw new Error(`no download link on ${page.url()}`);
  const res = await page.request.get(href);
  return { status: res.status(), contentType: res.headers()['content-type'] ?? '', cacheControl: res.headers()['cache-control'] ?? '', bytes: await res.body() };
}
