/** Reading an HTML form's posted fields (application/x-www-form-urlencoded, flat names such as `identifiers-0-value`). */
export type FormBody = Record<string, unknown>;

/** A text field as posted, trimmed; '' when absent. */
export function text(body: FormBody, name: string): string {
  const value = body[name];
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0].trim() : '';
  return typeof value === 'string' ? value.trim() : '';
}

/** A group of checkboxes as posted: none, one or several values. */
export function values(body: FormBody, name: string): string[] {
  const value = body[name];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

/** '' as "not given" (null), as the API's DTOs take it. */
export function orNull(value: string): string | null {
  return value === '' ? null : value;
}

/**
 * The rows of an "add another" list present in a posted form, in order: the distinct indices of the fields named
 * `<prefix>-<index>-…`. A row is posted whole (its text inputs always post, empty or not), so no row is lost.
 */
export function rowIndices(body: FormBody, prefix: string): number[] {
  const pattern = new RegExp(`^${prefix}-(\\d{1,3})-`);
  const found = new Set<number>();
  for (const key of Object.keys(body)) {
    const match = pattern.exec(key);
    if (match) found.add(Number(match[1]));
  }
  return [...found].sort((a, b) => a - b);
}
