/**
 * GOV.UK pagination for a list a page shows a page at a time (the Design System's "Pagination" component: previous,
 * next and numbered links). Pure.
 */

/** The page numbers the pagination shows: the first, the last and two either side of the current one; null for a gap. */
export function pageNumbers(current: number, pages: number): (number | null)[] {
  const shown = [...new Set([1, current - 2, current - 1, current, current + 1, current + 2, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  return shown.flatMap((n, i) => (i > 0 && n - shown[i - 1] > 1 ? [null, n] : [n]));
}

/** GOV.UK pagination's model for `total` records, `pageSize` a page, on page `current`; null when they fit on one page. */
export function pagination(current: number, total: number, pageSize: number, href: (page: number) => string): Record<string, unknown> | null {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return {
    previous: current > 1 ? { href: href(current - 1) } : undefined,
    next: current < pages ? { href: href(current + 1) } : undefined,
    items: pageNumbers(current, pages).map((n) => (n === null ? { ellipsis: true } : { number: n, href: href(n), current: n === current })),
  };
}
