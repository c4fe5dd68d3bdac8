import { APPLICATION_FORM_FIELD_LABELS, SPOC_SECTION_FIELD_LABELS } from '../../workflow/application-form.labels';

const has = <T extends object>(table: T, key: string): key is Extract<keyof T, string> => Object.prototype.hasOwnProperty.call(table, key);

/**
 * A field a rule names (`offences`, `dataItems[0].periodEnd`, `spoc.spocAdvice`) as a person reads it, from the
 * label tables the record uses: "Offences", "Data items (number 1)", "The SPOC's advice". A path the tables do not
 * know is shown as it is.
 */
export function fieldInWords(path: string): string {
  const [head, ...rest] = path.split('.');
  const list = /^(\w+)\[(\d+)\]$/.exec(head);
  const name = list ? list[1] : head;
  if (name === 'spoc' && rest.length && has(SPOC_SECTION_FIELD_LABELS, rest[0])) return SPOC_SECTION_FIELD_LABELS[rest[0]];
  if (!has(APPLICATION_FORM_FIELD_LABELS, name)) return path;
  return list ? `${APPLICATION_FORM_FIELD_LABELS[name]} (number ${Number(list[2]) + 1})` : APPLICATION_FORM_FIELD_LABELS[name];
}

/** The fields a rule names, in words, each once. */
export function fieldsInWords(paths: readonly string[]): string[] {
  return [...new Set(paths.map(fieldInWords))];
}

/** A rank as stored (`chiefSuperintendent`) in words (`Chief superintendent`). */
export function rankInWords(rank: string | null): string | null {
  if (!rank) return null;
  const words = rank.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
