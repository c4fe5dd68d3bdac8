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

const TABLES: [string, readonly string[], Readonly<Record<string, string>>][] = [
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
  it.each(TABLES)('%s: every code has its own words, and nothing else does', (_name, codes, labels) => {
    expect(Object.keys(labels).sort()).toEqual([...codes].sort());
    const words = Object.values(labels);
    expect(new Set(words).size).toBe(words.length);
  });

  it.each(TABLES)('%s: the words are a phrase a person reads, not a code', (_name, _codes, labels) => {
    for (const [code, words] of Object.entries(labels)) {
      expect({ code, words: /^[A-Z][A-Za-z0-9 ().,'-]*$/.test(words) && words !== code && !/\b[a-z]+[A-Z]|_/.test(words) }).toEqual({
        code,
        words: true,
      });
    }
  });

  it('names the states and causes the way the report says them', () => {
    expect(CD_ERROR_STATE_LABELS.reportedToIpc).toBe('Reported to the IPC');
    expect(CAUSE_CODE_LABELS.incorrectIdentifier).toBe('Incorrect identifier');
  });
});
