import { describeLabelTables, type LabelTable } from '../../test/support/label-tables';
import {
  CSP_STATUS_LABELS,
  DESIRED_STATUS_LABELS,
  DISCLOSURE_REQUEST_EVENT_LABELS,
  DISCLOSURE_REQUEST_RECORD_CHANGE_LABELS,
  DISCLOSURE_REQUEST_STATE_LABELS,
} from './disclosure-request.labels';
import { CSP_STATUSES, DESIRED_STATUSES, DISCLOSURE_REQUEST_EVENT_TYPES, DISCLOSURE_REQUEST_STATES } from './disclosure-request.types';

const TABLES: LabelTable[] = [
  ['states', DISCLOSURE_REQUEST_STATES, DISCLOSURE_REQUEST_STATE_LABELS],
  ['events', DISCLOSURE_REQUEST_EVENT_TYPES, DISCLOSURE_REQUEST_EVENT_LABELS],
  ['history changes', ['created'], DISCLOSURE_REQUEST_RECORD_CHANGE_LABELS],
  ['desired statuses', DESIRED_STATUSES, DESIRED_STATUS_LABELS],
  ['CSP statuses', CSP_STATUSES, CSP_STATUS_LABELS],
];

describe('disclosure request labels', () => {
  describeLabelTables(TABLES);

  it('says what the SPOC has still to do in the states that wait for the check', () => {
    expect(DISCLOSURE_REQUEST_STATE_LABELS.disclosed).toBe('Disclosed, awaiting the SPOC check');
    expect(DISCLOSURE_REQUEST_STATE_LABELS.nilReturn).toBe('Nil return, awaiting the SPOC check');
    expect(DISCLOSURE_REQUEST_EVENT_LABELS.CANCEL).toBe('Request cancelled');
  });
});
