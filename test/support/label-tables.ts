/** One vocabulary and its words: a name for the test's title, the codes, and the table of words. */
export type LabelTable = [name: string, codes: readonly string[], labels: Readonly<Record<string, string>>];

/**
 * The checks every vocabulary in words gets (what a person reads says things in plain English; codes are for
 * machines): each code has its own words and nothing else does, and the words are a phrase, not a code.
 * Call inside the aggregate's `describe`.
 */
export function describeLabelTables(tables: readonly LabelTable[]): void {
  it.each(tables)('%s: every code has its own words, and nothing else does', (_name, codes, labels) => {
    expect(Object.keys(labels).sort()).toEqual([...codes].sort());
    const words = Object.values(labels);
    expect(new Set(words).size).toBe(words.length);
  });

  it.each(tables)('%s: the words are a phrase a person reads, not a code', (_name, _codes, labels) => {
    for (const [code, words] of Object.entries(labels)) {
      expect({ code, words: /^[A-Z][A-Za-z0-9 ().,'-]*$/.test(words) && words !== code && !/\b[a-z]+[A-Z]|_/.test(words) }).toEqual({
        code,
        words: true,
      });
    }
  });
}
