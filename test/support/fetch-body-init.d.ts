/*
 * The generated fetch client (test/generated/api) names the DOM's `BodyInit`, which this project's
 * libraries (ES2023 and @types/node, no DOM) do not declare globally. Node's fetch is undici's; its
 * `BodyInit` is the type Node's `Request` and `Response` take.
 */
type BodyInit = import('undici-types').BodyInit;
