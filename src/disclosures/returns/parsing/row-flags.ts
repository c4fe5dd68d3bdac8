/**
 * The flags of one row as it is checked: which checks failed, each with its reason, listed in the order
 * of RETURN_CHECK_CODES without repeats, as AcquiredRow promises. One collector serves every row of a
 * checker; most rows are clean, and a clean row gets one shared, frozen, empty array instead of two new
 * ones, because on a million-row file the allocations add up.
 */
import { RETURN_CHECK_CODES, type ReturnCheckCode } from './return-check-codes';

/** The flags and details of every clean row. Frozen, so that a caller who adds to it fails loudly. */
export const NO_FLAGS: never[] = Object.freeze([]) as unknown as never[];

const POSITION = Object.fromEntries(RETURN_CHECK_CODES.map((code, position) => [code, position])) as Record<
  ReturnCheckCode,
  number
>;

/**
 * Collects one row's failed checks (docs/law.md §5, Checking): a bit per code, and the reason beside it,
 * so that a clean row costs one comparison.
 */
export class RowFlags {
  private mask = 0;
  private readonly reasons: string[] = RETURN_CHECK_CODES.map(() => '');

  /** Starts a row. */
  reset(): void {
    this.mask = 0;
  }

  /** Records a failed check; a second reason for the same code joins the first. */
  add(code: ReturnCheckCode, reason: string): void {
    const position = POSITION[code];
    const bit = 1 << position;
    if ((this.mask & bit) === 0) {
      this.mask |= bit;
      this.reasons[position] = reason;
    } else {
      this.reasons[position] = `${this.reasons[position]}; ${reason}`;
    }
  }

  /** The row's flags, in catalogue order. */
  codes(): ReturnCheckCode[] {
    if (this.mask === 0) return NO_FLAGS;
    return RETURN_CHECK_CODES.filter((_, position) => (this.mask & (1 << position)) !== 0);
  }

  /** One reason per flag, in the same order. */
  details(): string[] {
    if (this.mask === 0) return NO_FLAGS;
    return this.reasons.filter((_, position) => (this.mask & (1 << position)) !== 0);
  }
}
