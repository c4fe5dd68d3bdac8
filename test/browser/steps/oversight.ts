/**
 * The manager's oversight pages driven in a browser (issue 20, item 4): the dashboard and the records behind a
 * count, the statistics return for a period asked for in two date inputs, a figure followed to its records, and the
 * return downloaded. Links and one GET form only, so every step works with JavaScript on and off. Each step calls
 * `check` on every page it lands on (screenshot and accessibility audit).
 */
import type { Download, Page } from 'playwright-core';

type Check = (name: string) => Promise<void>;

/** A day as the date input takes it. */
export interface TypedDate {
  day: string;
  month: string;
  year: string;
}

/** The link text's hidden words follow "–": a count's accessible name ends with what it counts. */
const endsWith = (words: string): RegExp => new RegExp(`– ${words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/** From the service navigation, opens the dashboard; returns the count the tile titled `tile` shows. */
export async function openDashboard(page: Page, check: Check, tile = 'Open applications'): Promise<number> {
  await page.goto('/');
  await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
  await check('oversight-dashboard');
  return Number(await page.getByRole('link', { name: endsWith(tile) }).textContent().then((text) => /^\d+/.exec(text ?? '')?.[0]));
}

/** On the dashboard: follows the count of the tile titled `tile` to the records it counts. */
export async function followTile(page: Page, check: Check, tile = 'Open applications'): Promise<void> {
  await page.getByRole('link', { name: endsWith(tile) }).click();
  await check('oversight-tile');
}

/** Fills the date group whose legend is `legend`. */
async function fillDate(page: Page, legend: string, date: TypedDate): Promise<void> {
  const group = page.getByRole('group', { name: legend, exact: true });
  await group.getByLabel('Day', { exact: true }).fill(date.day);
  await group.getByLabel('Month', { exact: true }).fill(date.month);
  await group.getByLabel('Year', { exact: true }).fill(date.year);
}

/** From the service navigation, asks for the statistics return for the period `from` to `to` (inclusive); lands on it. */
export async function openStatisticsReturn(page: Page, check: Check, from: TypedDate, to: TypedDate): Promise<void> {
  await page.goto('/');
  await page.getByRole('link', { name: 'Statistics return', exact: true }).click();
  await check('statistics-period');
  await fillDate(page, 'First day of the period', from);
  await fillDate(page, 'Last day of the period', to);
  await page.getByRole('button', { name: 'Show the return', exact: true }).click();
  await check('statistics-return');
}

/**
 * On the return: follows the count of the cell `label` of the figure titled `figure` to the records it counts;
 * returns the count the link showed.
 */
export async function followFigure(page: Page, check: Check, figure: string, label: string): Promise<number> {
  const link = page.getByRole('link', { name: endsWith(`${figure}: ${label}`) });
  const count = Number(/^\d+/.exec((await link.textContent()) ?? '')?.[0]);
  await link.click();
  await check('statistics-records');
  return count;
}

/**
 * On the return: downloads it as `format` ("CSV", "XLSX" or "PDF") through its link, as a person would, and reads the
 * same link again with the browser's cookies to see its headers. Returns the download and the response's headers and body.
 */
export async function downloadReturn(
  page: Page,
  format: 'CSV' | 'XLSX' | 'PDF',
): Promise<{ download: Download; headers: Record<string, string>; body: Buffer }> {
  const link = page.getByRole('link', { name: `Download the return as ${format}`, exact: true });
  const href = (await link.getAttribute('href')) ?? '';
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const response = await page.request.get(href);
  return { download, headers: response.headers(), body: await response.body() };
}
