import { finalStates, transitionRows } from './machine';

describe('transitionRows', () => {
  it('turns a table keyed by source state into rows, in the order written', () => {
    const rows = transitionRows<'a' | 'b' | 'c', 'GO' | 'STAY' | 'PICK', 'when'>({
      a: { GO: 'b', STAY: 'a' },
      b: { PICK: [['c', 'when'], 'a'] },
    });
    expect(rows).toEqual([
      ['a', 'GO', 'b'],
      ['a', 'STAY', 'a'],
      ['b', 'PICK', 'c', 'when'],
      ['b', 'PICK', 'a'],
    ]);
  });

  it('gives no rows for a state with no entry (a final state)', () => {
    expect(transitionRows<'a' | 'z', 'GO'>({ a: { GO: 'z' } }).filter(([from]) => from === 'z')).toEqual([]);
  });
});

describe('finalStates', () => {
  it('names the states no row leaves, a self-transition counting as leaving', () => {
    const rows = transitionRows<'a' | 'b' | 'y' | 'z', 'GO' | 'STAY'>({ a: { GO: 'z' }, b: { STAY: 'b' } });
    expect(finalStates(['a', 'b', 'y', 'z'], rows)).toEqual(['y', 'z']);
  });
});
