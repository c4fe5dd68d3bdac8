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
