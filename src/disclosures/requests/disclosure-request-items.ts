import type { FieldError } from '../../http/domain-exception';
import type { ApplicationForm } from '../../workflow/application.types';
import { parseIsoWithOffset } from '../../workflow/guard-support';
import type { Csp } from '../csp/csp.types';
import type { DisclosureItem } from './disclosure-request.item';

/** What a SPOC asks of one authorised data item; what is left out is taken as authorised. */
export interface ItemSelection {
  dataItemRef: string;
  /** The identifier as the SPOC sees it: must be the authorised one (its normalised or its written form). */
  identifierValue?: string | null;
  subtype?: string | null;
  /** A narrower period than authorised, ISO 8601 with an offset. */
  periodStart?: string | null;
  periodEnd?: string | null;
}

/**
 * The items of a new request, copied from the authorised form, or every way the selection asks for more than
 * was authorised, each naming its item (docs/law.md §8: only what was authorised — identifier, data type and
 * period — goes to a CSP; IPA s.64(1)(c)–(d)). `DISCLOSURE_NOT_AUTHORISED` for the authorisation,
 * `CSP_CANNOT_ANSWER` when the chosen CSP does not hold that data or search on that identifier (the directory).
 * The identifier copied is the application's own, so it reaches the CSP byte for byte as authorised.
 */
export function selectItems(form: ApplicationForm, selections: readonly ItemSelection[], csp: Csp): { items: DisclosureItem[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const items: DisclosureItem[] = [];
  const seen = new Set<string>();
  const notAuthorised = (field: string, message: string) => errors.push({ field, message, code: 'DISCLOSURE_NOT_AUTHORISED' });
  selections.forEach((selection, i) => {
    const at = `items[${i}]`;
    const item = (form.dataItems ?? []).find((d) => d.ref === selection.dataItemRef);
    if (!item) return notAuthorised(`${at}.dataItemRef`, `data item "${selection.dataItemRef}" is not one the authorisation covers`);
    if (seen.has(item.ref)) return notAuthorised(`${at}.dataItemRef`, `data item "${item.ref}" is asked for twice`);
    seen.add(item.ref);
    const identifier = (form.identifiers ?? []).find((id) => id.ref === item.identifierRef);
    if (!identifier) return notAuthorised(`${at}.dataItemRef`, `data item "${item.ref}" has no identifier on the authorisation`);
    const asked = selection.identifierValue;
    if (asked !== undefined && asked !== null && asked !== identifier.normalisedValue && asked !== identifier.value) {
      notAuthorised(`${at}.identifierValue`, `"${asked}" is not the identifier authorised for "${item.ref}" (${identifier.normalisedValue})`);
    }
    if (selection.subtype !== undefined && selection.subtype !== null && selection.subtype !== item.subtype) {
      notAuthorised(`${at}.subtype`, `"${selection.subtype}" is not the data authorised for "${item.ref}" (${item.subtype})`);
    }
    const periodStart = selection.periodStart ?? item.periodStart;
    const periodEnd = selection.periodEnd ?? item.periodEnd;
    const [start, end] = [parseIsoWithOffset(periodStart), parseIsoWithOffset(periodEnd)];
    const [authorisedStart, authorisedEnd] = [parseIsoWithOffset(item.periodStart), parseIsoWithOffset(item.periodEnd)];
    const within = (t: number | null) => t !== null && authorisedStart !== null && authorisedEnd !== null && t >= authorisedStart && t <= authorisedEnd;
    const period = `${item.periodStart} to ${item.periodEnd}`;
    if (!within(start)) notAuthorised(`${at}.periodStart`, `the period must start within the authorised period (${period})`);
    if (!within(end)) notAuthorised(`${at}.periodEnd`, `the period must end within the authorised period (${period})`);
    if (start !== null && end !== null && start > end) notAuthorised(`${at}.periodEnd`, 'the period ends before it starts');
    const dataTypes: readonly string[] = csp.dataTypes;
    const identifierKinds: readonly string[] = csp.identifierKinds;
    if (!dataTypes.includes(item.subtype) || !identifierKinds.includes(identifier.type)) {
      errors.push({ field: at, message: `${csp.name} does not answer ${item.subtype} on a ${identifier.type} identifier`, code: 'CSP_CANNOT_ANSWER' });
    }
    items.push({
      dataItemRef: item.ref,
      identifier: { ref: identifier.ref, type: identifier.type, value: identifier.value, normalisedValue: identifier.normalisedValue },
      category: item.category,
      subtype: item.subtype,
      periodKind: item.periodKind,
      periodStart,
      periodEnd,
      timeZone: item.timeZone ?? null,
    });
  });
  return { items, errors };
}
