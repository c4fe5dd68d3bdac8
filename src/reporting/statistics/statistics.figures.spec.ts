import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { STATISTICS_FIGURES, STATISTICS_SECTIONS } from './statistics.figures';
import { aggregateSql, bind, cellRecordsSql } from './statistics.sql';

const DOC = readFileSync(join(__dirname, '../../../docs/statistics.md'), 'utf8');

describe('the figures of the statistics return (docs/statistics.md §2, §3)', () => {
  it('docs/statistics.md §2 lists exactly the figures the code defines', () => {
    const section = DOC.slice(DOC.indexOf('## §2'), DOC.indexOf('## §3'));
    const documented = [...section.matchAll(/^\| `([a-zA-Z.]+)` \|/gm)].map((m) => m[1]);
    expect(documented).toEqual([...STATISTICS_FIGURES.keys()]);
  });

  it('gives every figure a unique id, words, named cells with words, and a source that filters by authority and period', () => {
    const ids = STATISTICS_SECTIONS.flatMap((s) => s.figures.map((f) => f.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const figure of STATISTICS_FIGURES.values()) {
      expect([figure.id, figure.title.length > 0, figure.definition.length > 20, figure.cells.length > 0]).toEqual([figure.id, true, true, true]);
      expect(figure.cells.every(([key, label]) => key.length > 0 && label.length > 0)).toBe(true);
      expect(new Set(figure.cells.map(([key]) => key)).size).toBe(figure.cells.length);
      const where = figure.source.where.join(' AND ');
      expect([figure.id, where.includes(':authority'), where.includes(':start'), where.includes(':end')]).toEqual([figure.id, true, true, true]);
    }
  });

  it('binds the named parameters positionally for each driver, in order of appearance', () => {
    const figure = STATISTICS_FIGURES.get('authorisations.byRoute');
    if (!figure) throw new Error('no figure');
    const bindings = { authority: 'A', start: 'S', end: 'E' };
    const pg = bind(aggregateSql(figure), bindings, 'postgres');
    expect(pg.sql).toContain('e.at >= $1 AND e.at < $2 AND s.authority_id = $3');
    expect(pg.params).toEqual(['S', 'E', 'A']);
    const sqlite = bind(aggregateSql(figure), bindings, 'sqlite');
    expect(sqlite.sql).not.toMatch(/:\w+|\$\d/);
    expect(sqlite.params).toEqual(['S', 'E', 'A']);
    const listed = bind(cellRecordsSql(figure, 10, 20), { ...bindings, key: 'ipc60A' }, 'postgres');
    expect(listed.params).toEqual(['S', 'E', 'A', 'ipc60A']);
    expect(listed.sql).toMatch(/COALESCE\(s\.route, 'notGiven'\) = \$4 ORDER BY .* LIMIT 10 OFFSET 20$/);
    expect(() => bind(cellRecordsSql(figure, 1, 0), bindings, 'sqlite')).toThrow('No value bound for :key');
  });
});
