/**
 * The rows of a subscriber return (subtype `subscriber`): who held the identifier, from when to when.
 *
 * Checks (docs/law.md §5, Checking): the record is about the requested identifier
 * (IDENTIFIER_NOT_REQUESTED); its validity overlaps the period (OUTSIDE_PERIOD); it does not overlap the
 * validity of earlier details of the same identifier within the period, which would be two subscribers at
 * once (EXCESS_DATA); no cell is over-long (CONTENT_SUSPECTED); both its times name one instant
 * (AMBIGUOUS_LOCAL_TIME). Refused besides the common refusals: a `valid_to` before its `valid_from`,
 * which describes no time at all.
 */
import { IdentifierMemo } from './identifier-memo';
import { ADDRESS_TYPES } from './return-schema';
import { TIME_OK } from './return-time';
import { RowRefusal, type AcquiredRow } from './returned-row';
import { overlappingSubscriber, subscriberNotRequested, validityOutsidePeriod, ValidityUnion } from './row-checks';
import { notAWord, RowReader, wordOf, type CheckerSetup } from './row-reader';
import { utcIso } from './utc-text';

/** The checker of subscriber rows (docs/law.md §5): see the checks above. */
export class SubscriberRows extends RowReader {
  private readonly identifiers: IdentifierMemo;
  private readonly validities = new ValidityUnion();
  private readonly identifier: number;
  private readonly name: number;
  private readonly address: number;
  private readonly addressType: number;
  private readonly validFrom: number;
  private readonly validTo: number;

  constructor(setup: CheckerSetup) {
    super(setup);
    this.identifiers = new IdentifierMemo(setup.identifierType);
    this.identifier = this.indexOf('identifier');
    this.name = this.indexOf('name');
    this.address = this.indexOf('address');
    this.addressType = this.indexOf('address_type');
    this.validFrom = this.indexOf('valid_from');
    this.validTo = this.indexOf('valid_to');
  }

  check(cells: readonly string[], rowNumber: number): AcquiredRow {
    this.startRow(cells, rowNumber);
    const identifierText = this.required(cells, this.identifier, 'identifier', rowNumber);
    const name = this.optional(cells, this.name);
    const address = this.optional(cells, this.address);
    const addressTypeText = this.optional(cells, this.addressType);
    const fromText = this.required(cells, this.validFrom, 'valid_from', rowNumber);
    const toText = this.optional(cells, this.validTo);

    const addressType = addressTypeText === '' ? null : wordOf(ADDRESS_TYPES, addressTypeText);
    if (addressTypeText !== '' && addressType === null) {
      throw notAWord(rowNumber, 'address_type', addressTypeText, ADDRESS_TYPES);
    }
    const { flags, time, setup } = this;
    // The scratch is reused by the next reading, so each time's fields are copied out at once.
    const fromStatus = this.readTime(fromText, 'valid_from', rowNumber);
    const fromMs = fromStatus === TIME_OK ? time.utcMs : Number.NaN;
    const sourceOffset = fromStatus === TIME_OK ? time.offset : null;
    const localTime = time.local;
    const fromReason = time.reason;
    // NaN: an end that could not be placed; Infinity: the details still apply.
    let toMs = Infinity;
    let toReason: string | null = null;
    if (toText !== '') {
      toMs = this.readTime(toText, 'valid_to', rowNumber) === TIME_OK ? time.utcMs : Number.NaN;
      if (Number.isNaN(toMs)) toReason = time.reason;
    }
    if (toMs < fromMs) {
      throw new RowRefusal(rowNumber, 'valid_to', `valid_to ${toText} is before valid_from ${fromText}`);
    }

    const identifier = this.identifiers.normalise(identifierText);
    const notRequested = subscriberNotRequested(setup.requested, identifier);
    if (notRequested !== null) flags.add('IDENTIFIER_NOT_REQUESTED', notRequested);
    const outside = validityOutsidePeriod(fromMs, toMs, setup.period);
    if (outside !== null) flags.add('OUTSIDE_PERIOD', outside);
    this.checkLengths(cells);
    // Only details known to be the requested identifier's within the period, with both ends placed, count.
    if (notRequested === null && outside === null && !Number.isNaN(fromMs) && !Number.isNaN(toMs)) {
      const { startMs, endMs } = setup.period;
      // Half-open within the period; details valid for one instant only still hold that instant.
      const start = Math.max(fromMs, startMs);
      const end = Math.min(toMs > fromMs ? toMs : fromMs + 1, endMs + 1);
      const earlier = this.validities.overlapThenAdd(start, end, rowNumber);
      if (earlier !== null) flags.add('EXCESS_DATA', overlappingSubscriber(earlier));
    }
    if (fromStatus !== TIME_OK) flags.add('AMBIGUOUS_LOCAL_TIME', `valid_from ${fromReason}`);
    if (toReason !== null) {
      flags.add('AMBIGUOUS_LOCAL_TIME', `valid_to ${toReason}, so the end of these details is unknown (not current)`);
    }

    return {
      rowNumber,
      recordType: 'subscriber',
      identifier,
      otherParty: null,
      atUtc: Number.isNaN(fromMs) ? null : utcIso(fromMs),
      untilUtc: toMs === Infinity || Number.isNaN(toMs) ? null : utcIso(toMs),
      sourceOffset,
      localTime,
      durationSeconds: null,
      eventType: null,
      cellId: null,
      port: null,
      name: name === '' ? null : name,
      address: address === '' ? null : address,
      addressType,
      flags: flags.codes(),
      details: flags.details(),
    };
  }
}
