/** A part of a delivery that has arrived: which item it answers, which delivery, where in it. */
export interface PartReceived {
  dataItemRef: string;
  deliveryId: string;
  sequenceNumber: number;
  lastSequence: boolean;
}

/** How far one delivery has got. */
export interface DeliveryState {
  /** The last part (the one flagged last) has arrived. */
  lastArrived: boolean;
  /** Once the last part has arrived: the parts before it not yet received; empty until then. */
  missing: number[];
}

/**
 * The state of one delivery from the parts received so far (docs/returns.md "Deliveries in parts"; ETSI TS
 * 103 120 SequenceNumber / LastSequence). Parts may arrive in any order, so a missing part is only a gap once
 * the last part has arrived: before that it may simply not have arrived yet.
 */
export function deliveryState(parts: readonly PartReceived[], dataItemRef: string, deliveryId: string): DeliveryState {
  const mine = parts.filter((p) => p.dataItemRef === dataItemRef && p.deliveryId === deliveryId);
  const last = mine.find((p) => p.lastSequence);
  if (!last) return { lastArrived: false, missing: [] };
  const seen = new Set(mine.map((p) => p.sequenceNumber));
  const missing: number[] = [];
  for (let n = 1; n < last.sequenceNumber; n++) if (!seen.has(n)) missing.push(n);
  return { lastArrived: true, missing };
}

/**
 * Whether every item of a request is complete: for each, some delivery whose last part has arrived with no
 * part before it missing. This is what moves a request from partly to wholly disclosed (RETURN_RECEIVED's
 * `allItemsComplete`; docs/architecture.md §7.2).
 */
export function everyItemComplete(itemRefs: readonly string[], parts: readonly PartReceived[]): boolean {
  return itemRefs.every((ref) =>
    parts.some((p) => p.dataItemRef === ref && p.lastSequence && deliveryState(parts, ref, p.deliveryId).missing.length === 0),
  );
}
