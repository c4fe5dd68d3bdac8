/**
 * The identifiers of a return, normalised exactly as the application normalised the one that was asked
 * for (docs/law.md §3.3), so that the same line or address compares equal however the CSP writes it.
 * Copying an identifier wrongly is the commonest error (IPCO-17 14.26–14.27), so the comparison must
 * not be looser than the application's own form, nor stricter.
 *
 * Normalising a phone number takes tens of microseconds (libphonenumber), and a call-records file
 * repeats the same few numbers on most of its rows, so each memo remembers its answers, up to a bound
 * that keeps a file of all-different numbers from holding them all.
 */
import { normaliseIdentifier } from '../../../applications/public-api';
import type { IdentifierType } from '../../../workflow/application.types';

/** Identifiers remembered before a memo is cleared: more than the distinct numbers of most files, small enough to hold. */
export const MEMO_ENTRIES = 50_000;

/** One memo per checker and identifier type (docs/law.md §3.3: each type has its own canonical form). */
export class IdentifierMemo {
  private readonly memo = new Map<string, string>();

  constructor(private readonly type: IdentifierType) {}

  /** The normalised value, or the text as written when it cannot be normalised (it then matches nothing requested). */
  normalise(written: string): string {
    let value = this.memo.get(written);
    if (value === undefined) {
      const result = normaliseIdentifier(this.type, written);
      value = result.ok ? result.normalised : written;
      if (this.memo.size >= MEMO_ENTRIES) this.memo.clear();
      this.memo.set(written, value);
    }
    return value;
  }
}

/**
 * An IP address in canonical form (never bracketed) and its port, when one was given: behind carrier-grade
 * NAT the port is part of the identifier (docs/law.md §3.3).
 */
export interface IpAndPort {
  readonly address: string;
  readonly port: number | null;
}

/**
 * Splits a normalised IP identifier (`203.0.113.7`, `203.0.113.7:443`, `2001:db8::1`, `[2001:db8::1]:443`,
 * the application's forms) into address and port. Text of any other shape is kept whole as the address.
 */
export function splitIpIdentifier(normalised: string): IpAndPort {
  if (normalised.startsWith('[')) {
    const close = normalised.indexOf(']');
    const portText = normalised.slice(close + 2);
    if (close > 0 && normalised.charAt(close + 1) === ':' && /^\d{1,5}$/.test(portText)) {
      return { address: normalised.slice(1, close), port: Number(portText) };
    }
    return { address: normalised, port: null };
  }
  const colon = normalised.indexOf(':');
  if (colon > 0 && colon === normalised.lastIndexOf(':') && /^\d{1,5}$/.test(normalised.slice(colon + 1))) {
    return { address: normalised.slice(0, colon), port: Number(normalised.slice(colon + 1)) };
  }
  return { address: normalised, port: null };
}

/**
 * The IP addresses of an IP resolution return, in canonical form. A CSP may write either family whatever
 * was asked, so both are tried; a port written in the address cell (`203.0.113.7:51234`) is split off.
 */
export class IpMemo {
  private readonly memo = new Map<string, IpAndPort>();

  /** The address and any port in it, canonical; as written (no port) when it is not an IP address. */
  read(written: string): IpAndPort {
    let value = this.memo.get(written);
    if (value === undefined) {
      const v4 = normaliseIdentifier('ipv4', written);
      const result = v4.ok ? v4 : normaliseIdentifier('ipv6', written);
      value = result.ok ? splitIpIdentifier(result.normalised) : { address: written, port: null };
      if (this.memo.size >= MEMO_ENTRIES) this.memo.clear();
      this.memo.set(written, value);
    }
    return value;
  }
}
