/**
 * Plain JSON of a validated DTO: class instances and `undefined` gone, so what is stored is what is hashed.
 * Shared by the features (docs/architecture.md §3: neutral helpers live in src/common).
 */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value ?? null)) as T;
}
