import type { ApplicationForm } from '../../workflow/application.types';

/** A value as compared for "did it change": no empty members, keys in order, instants as instants, identifiers without what the service adds. */
function comparable(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(comparable);
  if (typeof value === 'string') {
    const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ? Date.parse(value) : NaN;
    return Number.isNaN(instant) ? value : instant;
  }
  if (typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([key, member]) => member !== null && member !== undefined && key !== 'normalisedValue')
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, member]) => [key, comparable(member)]),
  );
}

/**
 * The page's answers that differ from the stored form: what a save sends, so that the record's history and the
 * conversation ("changed since the SPOC's return") name only what the person changed, and a save that changes
 * nothing writes nothing. PATCH merges the fields it is sent, so leaving out an unchanged one keeps it.
 */
export function changedAnswers(plain: Record<string, unknown>, form: ApplicationForm): Record<string, unknown> {
  const stored = form as Record<string, unknown>;
  return Object.fromEntries(Object.entries(plain).filter(([key, value]) => JSON.stringify(comparable(value)) !== JSON.stringify(comparable(stored[key]))));
}
