/**
 * The rows of an IP address resolution return (subtype `ipAddressResolution`): who was using an address
 * (and port) at a time. Wrong IP resolutions have caused serious harm (IPCO-19 18.40), so these checks
 * are the strictest.
 *
 * Checks (docs/law.md §5, Checking): the address, and the port when one was asked for, are the requested
 * ones (IDENTIFIER_NOT_REQUESTED); the observed time is within the CSP's stated precision of the time
 * asked for (OUTSIDE_PERIOD); the address is the installation address (ADDRESS_TYPE_MISMATCH); only one
 * row answers, since one answer was asked for (EXCESS_DATA); no cell is over-long (CONTENT_SUSPECTED);
 * the observed time names one instant (AMBIGUOUS_LOCAL_TIME).
 */
import { IpMemo, splitIpIdentifier, type IpAndPort } from './identifier-memo';
import { ADDRESS_TYPES } from './return-schema';
import { TIME_OK } from './return-time';
import { RowRefusal, type AcquiredRow } from './returned-row';
import { billingAddressGiven, ipNotRequested, observedOutsidePeriod, secondAnswer } from './row-checks';
import { notAWord, RowReader, wholeNumber, wordOf, type CheckerSetup } from './row-reader';
import { utcIso } from './utc-text';

const IP_IDENTIFIER_TYPES: readonly string[] = ['ipv4', 'ipv6', 'ipPort'];
const LAST_PORT = 65_535;

/** The checker of IP address resolution rows (docs/law.md §5): see the checks above. */
export class IpResolutionRows extends RowReader {
  private readonly addresses = new IpMemo();
  private readonly target: IpAndPort;
  private answers = 0;
  private firstAnswerRow = 0;
  private readonly ipAddress: number;
  private readonly port: number;
  private readonly observedTime: number;
  private readonly subscriberName: number;
  private readonly address: number;
  private readonly addressType: number;

  constructor(setup: CheckerSetup) {
    super(setup);
    // The port is part of what was asked for only when the request carried one (an ipPort, or an
    // ipv4/ipv6 identifier written with its port).
    this.target = IP_IDENTIFIER_TYPES.includes(setup.identifierType)
      ? splitIpIdentifier(setup.requested)
      : { address: setup.requested, port: null };
    this.ipAddress = this.indexOf('ip_address');
    this.port = this.indexOf('port');
    this.observedTime = this.indexOf('observed_time');
    this.subscriberName = this.indexOf('subscriber_name');
    this.address = this.indexOf('address');
    this.addressType = this.indexOf('address_type');
  }

  check(cells: readonly string[], rowNumber: number): AcquiredRow {
    this.startRow(cells, rowNumber);
    const ipText = this.required(cells, this.ipAddress, 'ip_address', rowNumber);
    const portText = this.optional(cells, this.port);
    const observedText = this.required(cells, this.observedTime, 'observed_time', rowNumber);
    const name = this.optional(cells, this.subscriberName);
    const address = this.required(cells, this.address, 'address', rowNumber);
    const addressTypeText = this.required(cells, this.addressType, 'address_type', rowNumber);

    const addressType = wordOf(ADDRESS_TYPES, addressTypeText);
    if (addressType === null) throw notAWord(rowNumber, 'address_type', addressTypeText, ADDRESS_TYPES);
    let port: number | null = null;
    if (portText !== '') {
      port = wholeNumber(portText);
      if (port < 0 || port > LAST_PORT) {
        throw new RowRefusal(rowNumber, 'port', `the port cell is ${JSON.stringify(portText)}, not a whole number from 0 to ${LAST_PORT}`);
      }
    }
    const status = this.readTime(observedText, 'observed_time', rowNumber);

    const { flags, time, setup } = this;
    const ip = this.addresses.read(ipText);
    // A port written in the address cell counts when the port column does not give one.
    port ??= ip.port;
    const notRequested = ipNotRequested(this.target, ip.address, port);
    if (notRequested !== null) flags.add('IDENTIFIER_NOT_REQUESTED', notRequested);
    let outside: string | null = null;
    if (status === TIME_OK) {
      outside = observedOutsidePeriod(time.utcMs, setup.period, setup.precisionSeconds);
      if (outside !== null) flags.add('OUTSIDE_PERIOD', outside);
    }
    const billing = billingAddressGiven(addressType);
    if (billing !== null) flags.add('ADDRESS_TYPE_MISMATCH', billing);
    this.checkLengths(cells);
    // An answer is a row about the requested address at the requested time; an unplaced time is no answer yet.
    if (notRequested === null && outside === null && status === TIME_OK) {
      const excess = secondAnswer(this.answers, this.firstAnswerRow);
      if (excess !== null) flags.add('EXCESS_DATA', excess);
      else this.firstAnswerRow = rowNumber;
      this.answers += 1;
    }
    if (status !== TIME_OK) flags.add('AMBIGUOUS_LOCAL_TIME', `observed_time ${time.reason}`);

    return {
      rowNumber,
      recordType: 'ipResolution',
      identifier: ip.address,
      otherParty: null,
      atUtc: status === TIME_OK ? utcIso(time.utcMs) : null,
      untilUtc: null,
      sourceOffset: status === TIME_OK ? time.offset : null,
      localTime: time.local,
      durationSeconds: null,
      eventType: null,
      cellId: null,
      port,
      name: name === '' ? null : name,
      address,
      addressType,
      flags: flags.codes(),
      details: flags.details(),
    };
  }
}
