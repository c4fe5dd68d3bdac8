import { parse } from 'csv-parse/sync';
import { parseInstantWithOffset } from '../../applications/public-api';
import { DomainException, type FieldError } from '../../http/domain-exception';

/** The columns of a CSP's list of what it disclosed to an authority (issue 24, item 4; docs/returns.md §7). */
export const CSP_LIST_COLUMNS = ['csp_reference', 'identifier', 'data_type', 'disclosed_at'] as const;

/** At most this many lines in one list: a CSP's list for one authority over a period. */
export const CSP_LIST_MAX_LINES = 20_000;
export const CSP_LIST_MAX_BYTES = 4 * 1024 * 1024;

/** One line of the list: `line` is its line in the file (the header is line 1). */
export interface CspDisclosureLine {
  line: number;
  cspReference: string | null;
  identifier: string;
  dataType: string;
  disclosedAt: Date;
}

const refusal = (detail: string, errors: FieldError[] = []) => new DomainException('REVERSE_AUDIT_INVALID', detail, errors.length > 0 ? { errors } : {});

/**
 * Reads the CSV list, all or nothing: a header naming {@link CSP_LIST_COLUMNS} (in any order, other columns
 * ignored), then one disclosure a line; the CSP's reference may be empty, the disclosure time must give its
 * offset. Every line at fault is named, with its line number and column, in one refusal.
 */
export function parseCspDisclosureList(text: string): CspDisclosureLine[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), bom: true, skip_empty_lines: true, trim: true, info: true, relax_column_count: false });
  } catch (error) {
    throw refusal(`The list could not be read as CSV: ${error instanceof Error ? error.message : String(error)}.`);
  }
  if (records.length === 0) throw refusal(`The list has no lines. Its header must name ${CSP_LIST_COLUMNS.join(', ')}.`);
  const missing = CSP_LIST_COLUMNS.filter((column) => !(column in records[0].record));
  if (missing.length > 0) throw refusal(`The list's header must name ${CSP_LIST_COLUMNS.join(', ')}; it lacks ${missing.join(', ')}.`);
  if (records.length > CSP_LIST_MAX_LINES) throw refusal(`The list has ${records.length} lines; at most ${CSP_LIST_MAX_LINES} are read at once. Split the period.`);
  const errors: FieldError[] = [];
  const lines: CspDisclosureLine[] = [];
  for (const { record, info } of records) {
    const line = info.lines;
    const at = (field: string, message: string) => errors.push({ field, message, code: 'REVERSE_AUDIT_INVALID', line });
    if (!record.identifier) at('identifier', 'the identifier is empty');
    if (!record.data_type) at('data_type', 'the data type is empty');
    const disclosedAt = parseInstantWithOffset(record.disclosed_at ?? '');
    if (!disclosedAt.ok) at('disclosed_at', `the time of disclosure: ${disclosedAt.reason}`);
    if (record.identifier && record.data_type && disclosedAt.ok) {
      lines.push({ line, cspReference: record.csp_reference || null, identifier: record.identifier, dataType: record.data_type, disclosedAt: disclosedAt.instant });
    }
  }
  if (errors.length > 0) throw refusal(`${errors.length} problem(s) in the list; nothing was matched. Each is named with its line.`, errors.slice(0, 100));
  return lines;
}
