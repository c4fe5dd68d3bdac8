import { describeLabelTables, type LabelTable } from '../../test/support/label-tables';
import {
  ACQUISITION_METHOD_LABELS,
  DATA_CATEGORY_LABELS,
  DATA_SUBTYPE_LABELS,
  ICR_CONDITION_LABELS,
  IDENTIFIER_TYPE_LABELS,
  PERIOD_KIND_LABELS,
  PRIORITY_GRADE_LABELS,
  ROUTE_LABELS,
  SENSITIVE_PROFESSION_LABELS,
  SERIOUS_CRIME_BASIS_LABELS,
  SUBJECT_ROLE_LABELS,
} from './application-form.labels';
import {
  ACQUISITION_METHODS,
  DATA_CATEGORIES,
  ENTITY_SUBTYPES,
  EVENTS_SUBTYPES,
  ICR_CONDITIONS,
  IDENTIFIER_TYPES,
  PERIOD_KINDS,
  PRIORITY_GRADES,
  RECORD_ROUTES,
  SENSITIVE_PROFESSIONS,
  SERIOUS_CRIME_BASES,
  SUBJECT_ROLES,
} from './application.types';
import { RIPA_RECORD_FIELD_LABELS } from './ripa-record.labels';
import { RIPA_RECORD_FIELDS } from './ripa-record.types';

const TABLES: LabelTable[] = [
  ['routes', RECORD_ROUTES, ROUTE_LABELS],
  ['priority grades', PRIORITY_GRADES, PRIORITY_GRADE_LABELS],
  ['serious crime bases', SERIOUS_CRIME_BASES, SERIOUS_CRIME_BASIS_LABELS],
  ['subject roles', SUBJECT_ROLES, SUBJECT_ROLE_LABELS],
  ['sensitive professions', SENSITIVE_PROFESSIONS, SENSITIVE_PROFESSION_LABELS],
  ['identifier types', IDENTIFIER_TYPES, IDENTIFIER_TYPE_LABELS],
  ['data categories', DATA_CATEGORIES, DATA_CATEGORY_LABELS],
  ['data subtypes', [...ENTITY_SUBTYPES, ...EVENTS_SUBTYPES], DATA_SUBTYPE_LABELS],
  ['period kinds', PERIOD_KINDS, PERIOD_KIND_LABELS],
  ['ICR conditions', ICR_CONDITIONS, ICR_CONDITION_LABELS],
  ['acquisition methods', ACQUISITION_METHODS, ACQUISITION_METHOD_LABELS],
  ['RIPA record fields', RIPA_RECORD_FIELDS, RIPA_RECORD_FIELD_LABELS],
];

describe('application form labels', () => {
  describeLabelTables(TABLES);

  it('names each route by who authorises and under which section', () => {
    expect(ROUTE_LABELS.dso61A).toBe('A designated senior officer, urgently (IPA s.61A)');
    expect(ROUTE_LABELS.ripa22).toBe('A designated person under RIPA 2000 s.22');
  });
});
