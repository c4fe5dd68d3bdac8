import { describeLabelTables, type LabelTable } from '../../test/support/label-tables';
import {
  CAUSE_CODE_LABELS,
  CD_ERROR_EVENT_LABELS,
  CD_ERROR_KIND_LABELS,
  CD_ERROR_RECORD_CHANGE_LABELS,
  CD_ERROR_STATE_LABELS,
  DATA_DISPOSAL_LABELS,
  IPC_RESPONSE_LABELS,
  RESPONSIBLE_PARTY_LABELS,
} from './cd-error.labels';
import { CAUSE_CODES, CD_ERROR_EVENT_TYPES, CD_ERROR_KINDS, CD_ERROR_STATES, DATA_DISPOSALS, IPC_RESPONSES, RESPONSIBLE_PARTIES } from './cd-error.types';

const TABLES: LabelTable[] = [
  ['states', CD_ERROR_STATES, CD_ERROR_STATE_LABELS],
  ['events', CD_ERROR_EVENT_TYPES, CD_ERROR_EVENT_LABELS],
  ['history changes', ['created', 'edited'], CD_ERROR_RECORD_CHANGE_LABELS],
  ['kinds', CD_ERROR_KINDS, CD_ERROR_KIND_LABELS],
  ['causes', CAUSE_CODES, CAUSE_CODE_LABELS],
  ['responsible parties', RESPONSIBLE_PARTIES, RESPONSIBLE_PARTY_LABELS],
  ['IPC responses', IPC_RESPONSES, IPC_RESPONSE_LABELS],
  ['data disposals', DATA_DISPOSALS, DATA_DISPOSAL_LABELS],
];

describe('CD error labels', () => {
  describeLabelTables(TABLES);

  it('names the states and causes the way the report says them', () => {
    expect(CD_ERROR_STATE_LABELS.reportedToIpc).toBe('Reported to the IPC');
    expect(CAUSE_CODE_LABELS.incorrectIdentifier).toBe('Incorrect identifier');
  });
});
