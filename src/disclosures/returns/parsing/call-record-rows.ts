/**
 * The rows of a call-records return (subtype `callDataRecords`): one call or message each. The common
 * path of the whole library: a call-records file can have a million rows, so this reads each row with
 * no allocation beyond the row it returns, and with the parties' normalisation remembered.
 *
 * Checks (docs/law.md §5, Checking): the requested number is the A or the B party
 * (IDENTIFIER_NOT_REQUESTED), the call starts within the period (OUTSIDE_PERIOD), it is not a data
 * session (DATA_TYPE_NOT_REQUESTED), no cell is over-long (CONTENT_SUSPECTED) and its start time names
 * one instant (AMBIGUOUS_LOCAL_TIME). There is no EXCESS_DATA check: every call of the number within the
 * period was asked for, however many there are, and a record that was not asked for is caught by the
 * identifier, period and data-type checks.
 */
import { IdentifierMemo } from './identifier-memo';
import { DIRECTIONS, EVENT_TYPES } from './return-schema';
import { TIME_OK } from './return-time';
import { RowRefusal, type AcquiredRow } from './returned-row';
import { dataSessionNotRequested, eventOutsidePeriod, partiesNotRequested } from './row-checks';
import { notAWord, RowReader, wholeNumber, wordOf, type CheckerSetup } from './row-reader';
import { utcIso } from './utc-text';

/** The checker of call-record rows (docs/law.md §5): see the checks above. */
export class CallRecordRows extends RowReader {
  private readonly parties: IdentifierMemo;
  private readonly aParty: number;
  private readonly bParty: number;
  private readonly startTime: number;
  private readonly duration: number;
  private readonly eventType: number;
  private readonly direction: number;
  private readonly cellId: number;

  constructor(setup: CheckerSetup) {
    super(setup);
    this.parties = new IdentifierMemo(setup.identifierType);
    this.aParty = this.indexOf('a_party');
    this.bParty = this.indexOf('b_party');
    this.startTime = this.indexOf('start_time');
    this.duration = this.indexOf('duration_seconds');
    this.eventType = this.indexOf('event_type');
    this.direction = this.indexOf('direction');
    this.cellId = this.indexOf('cell_id');
  }

  check(cells: readonly string[], rowNumber: number): AcquiredRow {
    this.startRow(cells, rowNumber);
    const aWritten = this.required(cells, this.aParty, 'a_party', rowNumber);
    const bWritten = this.required(cells, this.bParty, 'b_party', rowNumber);
    const startText = this.required(cells, this.startTime, 'start_time', rowNumber);
    const durationText = this.required(cells, this.duration, 'duration_seconds', rowNumber);
    const eventText = this.required(cells, this.eventType, 'event_type', rowNumber);
    const directionText = this.optional(cells, this.direction);
    const cellId = this.optional(cells, this.cellId);

    const durationSeconds = wholeNumber(durationText);
    if (durationSeconds < 0) {
      throw new RowRefusal(rowNumber, 'duration_seconds', `the duration_seconds cell is ${JSON.stringify(durationText)}, not a whole number of seconds`);
    }
    const eventType = wordOf(EVENT_TYPES, eventText);
    if (eventType === null) throw notAWord(rowNumber, 'event_type', eventText, EVENT_TYPES);
    if (directionText !== '' && wordOf(DIRECTIONS, directionText) === null) {
      throw notAWord(rowNumber, 'direction', directionText, DIRECTIONS);
    }
    const status = this.readTime(startText, 'start_time', rowNumber);

    const { flags, time, setup } = this;
    const aParty = this.parties.normalise(aWritten);
    const bParty = this.parties.normalise(bWritten);
    const notRequested = partiesNotRequested(setup.requested, aParty, bParty);
    if (notRequested !== null) flags.add('IDENTIFIER_NOT_REQUESTED', notRequested);
    let atUtc: string | null = null;
    let sourceOffset: string | null = null;
    if (status === TIME_OK) {
      const outside = eventOutsidePeriod('the call starts at', time.utcMs, setup.period);
      if (outside !== null) flags.add('OUTSIDE_PERIOD', outside);
      atUtc = utcIso(time.utcMs);
      sourceOffset = time.offset;
    } else {
      flags.add('AMBIGUOUS_LOCAL_TIME', `start_time ${time.reason}`);
    }
    const dataSession = dataSessionNotRequested(eventType);
    if (dataSession !== null) flags.add('DATA_TYPE_NOT_REQUESTED', dataSession);
    this.checkLengths(cells);

    return {
      rowNumber,
      recordType: 'callDataRecord',
      identifier: aParty,
      otherParty: bParty,
      atUtc,
      untilUtc: null,
      sourceOffset,
      localTime: time.local,
      durationSeconds,
      eventType,
      cellId: cellId === '' ? null : cellId,
      port: null,
      name: null,
      address: null,
      addressType: null,
      flags: flags.codes(),
      details: flags.details(),
    };
  }
}
