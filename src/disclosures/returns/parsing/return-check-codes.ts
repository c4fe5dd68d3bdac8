/**
 * The checks a CSP's return must pass before its data reaches anyone: each code with what it means in
 * plain English and where the duty comes from. The SPOC checks every return against what was authorised
 * (identifier, period, time zone, data type) before the product is released (docs/law.md §5, Checking;
 * CoP06 3.14; IPCO-17 8.24), and a failed check raises a suspected error (docs/law.md §4.1). The codes
 * name the error causes of docs/law.md §4.2 where one fits, so a flagged row can become a register entry
 * without translation. docs/returns.md lists what triggers each one.
 */

import type { ReturnCheckCode } from '../../../workflow/return-checks';

/** The codes are vocabulary of src/workflow (what renders documents reads them there); the feature's own name for them. */
export { RETURN_CHECK_CODES, type ReturnCheckCode } from '../../../workflow/return-checks';

/** What a check code says, for people, and the rule it rests on, for inspectors (docs/law.md §0 tags). */
export interface ReturnCheckDescription {
  readonly message: string;
  readonly citation: string;
}

/**
 * The catalogue: one plain-English message and one citation per code. Exhaustive by type, so a new code
 * without words does not compile.
 */
export const RETURN_CHECK_CATALOGUE: Readonly<Record<ReturnCheckCode, ReturnCheckDescription>> = {
  IDENTIFIER_NOT_REQUESTED: {
    message:
      'The record is about an identifier that was not asked for (another phone number, IP address or port).',
    citation:
      'CoP06 3.14; IPCO-17 8.24; IPCO-17 14.26–14.27 (error cause incorrectIdentifier); docs/law.md §5 and §4.2',
  },
  OUTSIDE_PERIOD: {
    message: 'The record falls outside the period that was asked for (or, for an IP address, away from the time asked for).',
    citation:
      'CoP06 3.14; CoP06 3.35 fn.53; IPCO-17 14.59 (error cause incorrectTimeDate); docs/law.md §5, §3.4 and §4.2',
  },
  DATA_TYPE_NOT_REQUESTED: {
    message: 'The record is of a kind of data that was not asked for (for example an IP data session in a call-records return).',
    citation: 'CoP06 3.14; IPA s.64(1)(c)–(d) (error cause incorrectDataType); docs/law.md §5, §3.4 and §4.2',
  },
  ADDRESS_TYPE_MISMATCH: {
    message:
      'The IP address resolution gives the billing address; it must give the address where the line is installed.',
    citation:
      'IPCO-19 18.40 (wrong IP resolutions have caused serious harm); docs/law.md §5 and §4.2 (incorrectData) (inferred: a product rule)',
  },
  CONTENT_SUSPECTED: {
    message:
      'The return may hold the content of a communication: a column the request did not ask for, or a cell far longer than its field allows.',
    citation: 'IPCO-19 18.17 (error cause contentObtained); docs/law.md §4.2 and §5',
  },
  EXCESS_DATA: {
    message:
      'The return holds more than was asked for: a second answer to a single IP address resolution, or two subscribers of the same identifier at once.',
    citation: 'HO-FORMS (error cause excessData); IPCO-19 18.26 (operator error); docs/law.md §4.1 and §4.2',
  },
  AMBIGUOUS_LOCAL_TIME: {
    message:
      'A time without an offset falls in the hour the clocks went back (it happened twice) or forward (it never happened), so it cannot be placed; it was not guessed.',
    citation: 'CoP06 3.35 fn.53; IPCO-17 14.59 (error cause incorrectTimeDate); docs/law.md §3.4 and §5',
  },
  AFTER_END: {
    message: 'The return arrived after the request was cancelled or the authorisation had ended.',
    citation: 'IPA s.65(1), (3A), (3B), (4); CoP15 3.59–3.61; docs/law.md §2.5 and §5',
  },
  PARTS_MISSING: {
    message: 'The last part of the delivery has arrived, but a part numbered before it has not.',
    citation: 'ETSI-HI1 (delivery sequence number and last-part flag); ETSI-RD (complete and incomplete responses); docs/law.md §8',
  },
};
