/**
 * The one date-time input every page uses (src/web/views/partials/date-time-input.njk), driven in a browser: a
 * fieldset whose legend is the question, holding Day, Month, Year, Hour and Minute and the zone's own fieldset.
 */
import type { Locator, Page } from 'playwright-core';

/** A time as the date-time input takes it, UK time unless `utc`. */
export interface TypedTime {
  day: string;
  month: string;
  year: string;
  hour: string;
  minute: string;
  utc?: boolean;
}

/** Fills the date-time group whose legend is `legend` inside `scope` (a page or a part of one), then says which zone the time is in. */
export async function fillDateTime(scope: Page | Locator, legend: string, at: TypedTime): Promise<void> {
  const group = scope.getByRole('group', { name: legend, exact: true });
  await group.getByLabel('Day', { exact: true }).fill(at.day);
  await group.getByLabel('Month', { exact: true }).fill(at.month);
  await group.getByLabel('Year', { exact: true }).fill(at.year);
  await group.getByLabel('Hour', { exact: true }).fill(at.hour);
  await group.getByLabel('Minute', { exact: true }).fill(at.minute);
  await group
    .getByRole('group', { name: 'Time zone', exact: true })
    .getByLabel(at.utc ? 'UTC' : 'UK time (GMT or BST)', { exact: true })
    .check();
}
