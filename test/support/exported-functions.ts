/** For the guard meta-tests: exported functions of a source file and the TSDoc right above each. */
export interface ExportedFunction {
  name: string;
  doc: string | null;
}

/** Finds `export function name(` declarations and the TSDoc block that ends right above each. */
export function exportedFunctions(source: string): ExportedFunction[] {
  const found: ExportedFunction[] = [];
  const declaration = /^export (?:async )?function (\w+)\s*[(<]/gm;
  for (let match = declaration.exec(source); match !== null; match = declaration.exec(source)) {
    const before = source.slice(0, match.index);
    const doc = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*$/.exec(before);
    found.push({ name: match[1], doc: doc ? doc[1] : null });
  }
  return found;
}

/** The spec has its own `describe('<name>'` block for the function. */
export function hasDescribe(spec: string, name: string): boolean {
  return spec.includes(`describe('${name}'`) || spec.includes(`describe("${name}"`);
}

/** What the documentation meta-test of one aggregate's guards reads. */
export interface GuardDocumentation {
  /** The guard files' source, concatenated. */
  guardsSource: string;
  /** The guards' spec, and its file name for the test's title. */
  specSource: string;
  specFile: string;
  /** The source keys of docs/law.md §0 this aggregate's guards may cite. */
  sourceTag: RegExp;
  /** A TSDoc line that cites docs/law.md and a source, for the scanner's self-check. */
  probeCitation: string;
}

/**
 * The checks every aggregate's guard meta-spec makes of its guard files (docs/architecture.md §9: TSDoc on
 * exported workflow rules cites the rule): guards declared as functions, each with TSDoc right above it
 * citing docs/law.md and a source, and its own `describe` block in the spec; and that the scanner itself
 * notices what it looks for. That every cited section exists is scripts/check-stands-alone.js's rule, for
 * every file of the repository. Call inside the aggregate's `describe`.
 */
export function describeGuardDocumentation(g: GuardDocumentation): void {
  const functions = exportedFunctions(g.guardsSource);

  it('declares guards as functions, never as exported arrow constants', () => {
    const arrows = g.guardsSource.match(/^export const \w+\s*(?::[^=]+)?=\s*(?:\([^)]*\)|\w+)\s*=>/gm) ?? [];
    expect(arrows).toEqual([]);
  });

  it('has TSDoc citing docs/law.md immediately above every exported function', () => {
    const missing = functions.filter((f) => f.doc === null || !f.doc.includes('docs/law.md')).map((f) => f.name);
    expect(missing).toEqual([]);
  });

  it('has a source tag in the TSDoc of every exported function', () => {
    const missing = functions.filter((f) => f.doc === null || !g.sourceTag.test(f.doc)).map((f) => f.name);
    expect(missing).toEqual([]);
  });

  it(`has a describe block for every exported function in ${g.specFile}`, () => {
    const missing = functions.filter((f) => !hasDescribe(g.specSource, f.name)).map((f) => f.name);
    expect(missing).toEqual([]);
  });

  it('the scanner itself notices a missing TSDoc, a missing citation and a missing describe', () => {
    const probe = [
      `/** ${g.probeCitation} */`,
      'export function documented(input: unknown) {}',
      '// a line comment is not TSDoc',
      'export function undocumented(input: unknown) {}',
      '/** Cites docs/law.md §5 but no source. */',
      'export function untagged(input: unknown) {}',
    ].join('\n');
    const scanned = exportedFunctions(probe);
    expect(scanned.map((f) => f.name)).toEqual(['documented', 'undocumented', 'untagged']);
    expect(scanned[1].doc).toBeNull();
    expect(g.sourceTag.test(scanned[0].doc ?? '')).toBe(true);
    expect(g.sourceTag.test(scanned[2].doc ?? '')).toBe(false);
    expect(hasDescribe("describe('documented', () => {})", 'documented')).toBe(true);
    expect(hasDescribe("describe('documentedElse', () => {})", 'documented')).toBe(false);
  });
}
