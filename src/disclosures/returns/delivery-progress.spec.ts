import { deliveryState, everyItemComplete, type PartReceived } from './delivery-progress';

const part = (dataItemRef: string, deliveryId: string, sequenceNumber: number, lastSequence = false): PartReceived => ({ dataItemRef, deliveryId, sequenceNumber, lastSequence });

describe('deliveryState', () => {
  it('finds no gap until the last part has arrived, however the parts came', () => {
    expect(deliveryState([part('d1', 'A', 3)], 'd1', 'A')).toEqual({ lastArrived: false, missing: [] });
    expect(deliveryState([part('d1', 'A', 2), part('d1', 'A', 1)], 'd1', 'A')).toEqual({ lastArrived: false, missing: [] });
  });

  it('names the parts before the last that have not arrived, once it has', () => {
    expect(deliveryState([part('d1', 'A', 1), part('d1', 'A', 4, true)], 'd1', 'A')).toEqual({ lastArrived: true, missing: [2, 3] });
    expect(deliveryState([part('d1', 'A', 2), part('d1', 'A', 3, true), part('d1', 'A', 1)], 'd1', 'A')).toEqual({ lastArrived: true, missing: [] });
  });

  it('counts only the parts of that item and that delivery', () => {
    const parts = [part('d1', 'A', 2, true), part('d1', 'B', 1), part('d2', 'A', 1)];
    expect(deliveryState(parts, 'd1', 'A')).toEqual({ lastArrived: true, missing: [1] });
  });
});

describe('everyItemComplete', () => {
  it('needs, for every item, a delivery whose last part is in with none missing before it', () => {
    expect(everyItemComplete(['d1', 'd2'], [part('d1', 'A', 1, true)])).toBe(false);
    expect(everyItemComplete(['d1', 'd2'], [part('d1', 'A', 1, true), part('d2', 'B', 2, true)])).toBe(false);
    expect(everyItemComplete(['d1', 'd2'], [part('d1', 'A', 1, true), part('d2', 'B', 2, true), part('d2', 'B', 1)])).toBe(true);
  });

  it('takes any complete delivery of an item, though an earlier one has a gap', () => {
    expect(everyItemComplete(['d1'], [part('d1', 'A', 2, true), part('d1', 'B', 1, true)])).toBe(true);
  });
});
