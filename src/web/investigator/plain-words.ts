import { DomainException, type FieldError } from '../../http/domain-exception';
import type { ErrorCode } from '../../http/error-codes';

/**
 * A refusal in the words of the page (GOV.UK error messages: say what to do, name the thing): the API's DTO and
 * guards decide, and their field paths stay, so the error summary still links to the field; only the message a
 * person reads changes. Anything not recognised keeps the service's own message.
 */

/** What each field of the form is called in an error message, after "Enter" or "Choose". */
const FIELD_WORDS: Readonly<Record<string, string>> = {
  name: 'your name',
  designation: 'your designation',
  officeRankPosition: 'your office, rank or position',
  team: 'your team',
  contact: 'your contact details',
  operationName: 'the operation name',
  investigationRef: 'the investigation reference',
  route: 'who will authorise the application',
  priorityGrade: 'the priority grade',
  statutoryPurpose: 'the statutory purpose',
  description: 'the offence',
  statute: 'the statute',
  maxSentenceAdultMonths: 'the maximum sentence in months',
  seriousCrimeBasis: 'how the serious-crime test is met',
  investigationSummary: 'the summary of the investigation',
  role: 'the subject’s role',
  linkToEvent: 'the link to the event',
  sensitiveProfession: 'whether a subject works in a sensitive profession',
  sensitiveProfessionConsiderations: 'how the profession bears on the application',
  journalisticSourceSought: 'whether it seeks a journalist’s source',
  imminentThreatToLife: 'whether there is an imminent threat to life',
  ref: 'the reference',
  type: 'the type of identifier',
  value: 'the identifier',
  source: 'where the identifier came from',
  subjectRef: 'the subject',
  identifierRef: 'the identifier',
  category: 'the data sought',
  subtype: 'the data sought',
  periodKind: 'the kind of period',
  periodStart: 'the start of the period',
  periodEnd: 'the end of the period',
  timeZone: 'the time zone',
  csp: 'the communications service provider',
  icrCondition: 'the condition for internet connection records',
  necessity: 'why the data is necessary',
  proportionality: 'why obtaining it is proportionate',
  collateralIntrusion: 'the collateral intrusion',
  unintendedConsequences: 'any unintended consequences',
  howDataWillBeUsed: 'how the data will be used',
  urgencyJustification: 'why it is urgent',
  reason: 'the reason',
  outcome: 'the use made of the data',
};

/** What a row of each list is called: `identifiers[1].value` is about "Identifier 2". */
const ROW_WORDS: Readonly<Record<string, string>> = {
  offences: 'Offence',
  subjects: 'Subject',
  identifiers: 'Identifier',
  dataItems: 'Data item',
};

/** Fields answered with a choice (a select or radios): "Choose", never "Enter". */
const CHOSEN = new Set(['route', 'priorityGrade', 'statutoryPurpose', 'seriousCrimeBasis', 'role', 'sensitiveProfession', 'type', 'identifierRef', 'subtype', 'category', 'periodKind', 'icrCondition']);

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

const leafOf = (field: string): string => field.split('.').pop()?.replace(/\[\d+\]$/, '') ?? field;

/** The form's questions in the order the pages ask them, for the error summary. */
const PAGE_ORDER = [
  'applicantDetails', 'investigationRef', 'operationName', 'route', 'priorityGrade',
  'statutoryPurpose', 'offences', 'seriousCrimeBasis', 'investigationSummary',
  'subjects', 'sensitiveProfession', 'sensitiveProfessionConsiderations', 'journalisticSourceSought', 'imminentThreatToLife',
  'identifiers', 'dataItems',
  'necessity', 'proportionality', 'collateralIntrusion', 'unintendedConsequences', 'howDataWillBeUsed', 'urgencyJustification',
];

/** Errors in the order the page shows their fields: question, then row, then the row's field (FIELD_WORDS lists them in order). */
function summaryOrder(a: FieldError, b: FieldError): number {
  const key = (e: FieldError): number[] => [
    PAGE_ORDER.indexOf(e.field.split(/[.[]/)[0]),
    Number(/\[(\d+)\]/.exec(e.field)?.[1] ?? -1),
    Object.keys(FIELD_WORDS).indexOf(leafOf(e.field)),
  ];
  const [ka, kb] = [key(a), key(b)];
  return ka[0] - kb[0] || ka[1] - kb[1] || ka[2] - kb[2];
}

/** A DTO or guard message about `field` as a sentence a person can act on. */
export function plainMessage(error: FieldError): string {
  // The page's own reading of a date and time already names the field and its row.
  if (error.code === 'dateTime') return error.message;
  const row = /^(\w+)\[(\d+)\]\./.exec(error.field);
  const last = leafOf(error.field);
  const words = FIELD_WORDS[last];
  const sentence = ((): string => {
    if (error.code === 'isIdentifierValue') return error.message.replace(/^not a valid \w+: /, '');
    if (!words) return error.message;
    switch (error.code) {
      case 'isIn':
      case 'isSubtypeOfCategory':
      case 'unknownRef':
      case 'isBoolean':
        return `Choose ${words}`;
      case 'isLength':
        if (/shorter/.test(error.message)) return `${capitalise(words)} is too long`;
        return CHOSEN.has(last) ? `Choose ${words}` : `Enter ${words}`;
      case 'maxLength': {
        const limit = /(\d+) characters/.exec(error.message)?.[1];
        return limit ? `${capitalise(words)} must be ${limit} characters or fewer` : `${capitalise(words)} is too long`;
      }
      case 'isInt':
      case 'min':
        return `${capitalise(words)} must be a whole number`;
      case 'isString':
      case 'isNotEmpty':
        return CHOSEN.has(last) ? `Choose ${words}` : `Enter ${words}`;
      case 'isInstantWithOffset':
        return `Enter ${words} as a date and time`;
      case 'isAfterPeriodStart':
        return 'The period must end after it starts';
      case 'duplicateRef':
        return `${capitalise(words)} is used twice`;
      default:
        return error.message;
    }
  })();
  if (!row || !ROW_WORDS[row[1]]) return sentence;
  return `${ROW_WORDS[row[1]]} ${Number(row[2]) + 1}: ${sentence.charAt(0).toLowerCase()}${sentence.slice(1)}`;
}

export interface Rewording {
  /** The page's own message for a field, whatever the code (e.g. `reason` on the withdraw page). */
  fields?: Readonly<Record<string, string>>;
  /** The page's own message for a refusal code, for its summary and its fields. */
  codes?: Partial<Readonly<Record<ErrorCode, string>>>;
  /** The field a refusal without fields is about, by code, so the summary links to it and the field shows it. */
  codeFields?: Partial<Readonly<Record<ErrorCode, string>>>;
  /** A field the page does not show, moved to one it does (the summary must link to something on the page). */
  moveField?: (field: string) => string;
}

/** `error` with its messages in the page's words; anything else unchanged. */
export function inPlainWords(error: unknown, rewording: Rewording = {}): unknown {
  if (!(error instanceof DomainException)) return error;
  const byCode = rewording.codes?.[error.code];
  const about = rewording.codeFields?.[error.code];
  const fieldErrors = error.extras.errors ?? (about ? [{ field: about, message: error.detail, code: error.code }] : undefined);
  const errors = fieldErrors?.map((e): FieldError => {
    const field = rewording.moveField ? rewording.moveField(e.field) : e.field;
    const message = rewording.fields?.[e.field] ?? byCode ?? plainMessage(e);
    return { ...e, field, message };
  });
  const detail = byCode ?? (errors?.length ? errors.map((e) => e.message).join('. ') : error.detail);
  return new DomainException(error.code, detail, { ...error.extras, ...(errors ? { errors: dedupe([...errors].sort(summaryOrder)) } : {}) });
}

/** One message per field (GOV.UK: the first problem to fix), as a DTO can refuse one field for several reasons. */
function dedupe(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    if (seen.has(e.field)) return false;
    seen.add(e.field);
    return true;
  });
}
