#!/usr/bin/env node
// @ts-check
/**
 * docs/security.md lists every requirement of OWASP ASVS 5.0.0 at Level 2 (issue 24): one row per id, in the
 * section "ASVS 5.0 Level 2, requirement by requirement", each `met` (naming a test that exists), `not applicable`
 * (with the reason) or `gap` (with what is missing). This check holds that table to the committed list of the
 * standard's ids (test/fixtures/asvs-5.0.0-level2.json, taken from the OWASP ASVS repository) and to the
 * repository: it fails when an id of the standard is missing from the table, when the table has an id the standard
 * does not, or one twice; when a verdict is not one of the three; when a `met` row names no test file, or a file
 * that does not exist, or a quoted test title that file does not contain; and when a `not applicable` or `gap` row
 * gives no reason. Any repository path a row names in backticks must exist.
 * Run by `npm run lint`.
 *
 * Usage: node scripts/check-asvs.js   (exit 1 and one line per problem when it fails)
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

/** Where the table is, and the fixture it is held to, from the repository root. */
const DOCUMENT = 'docs/security.md';
const FIXTURE = 'test/fixtures/asvs-5.0.0-level2.json';

/** The heading of the section that holds the table. */
const HEADING = '## ASVS 5.0 Level 2, requirement by requirement';

const VERDICTS = /** @type {const} */ (['met', 'not applicable', 'gap']);

/** An ASVS 5.0 requirement id as the standard writes it. */
const ID = /^V\d+\.\d+\.\d+$/;

/** A file of the repository written in backticks: what a row may name (a test, a source file, a document). */
const REPO_PATH = /^(?:src|test|docs|scripts|migrations|bench)\/(?:[\w@.-]+\/)*[\w@-][\w@.-]*\.[A-Za-z0-9]+$/;

/** A file Jest (or the browser suite, or the log audit) runs: what counts as a test. */
const TEST_FILE = /\.(?:spec|e2e-spec|browser-spec|run)\.[cm]?[jt]s$/;

/** A reason shorter than this many words says nothing. */
const MIN_REASON_WORDS = 3;

/**
 * @typedef {{ id: string, level: number, chapter: string, text: string }} Requirement
 * @typedef {{ source?: unknown, requirements: Requirement[] }} Fixture
 * @typedef {{ line: number, id: string, verdict: string, how: string, evidence: string }} Row
 * @typedef {{ met: number, 'not applicable': number, gap: number }} Counts
 * @typedef {{ problems: string[], counts: Counts, rows: number }} Result
 * @typedef {(repoPath: string) => string | null} ReadRepoFile  the file's text, or null when there is no such file
 */

/**
 * The cells of a Markdown table row: split on `|` except where escaped (`\|`) or inside a code span.
 * @param {string} line
 * @returns {string[]}
 */
function cells(line) {
  const body = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  /** @type {string[]} */
  const out = [];
  let current = '';
  let inCode = false;
  for (let i = 0; i < body.length; i += 1) {
    const ch = body[i];
    if (ch === '\\' && body[i + 1] === '|') {
      current += '|';
      i += 1;
    } else if (ch === '`') {
      inCode = !inCode;
      current += ch;
    } else if (ch === '|' && !inCode) {
      out.push(current.trim());
      current = '';
    } else current += ch;
  }
  out.push(current.trim());
  return out;
}

/**
 * The rows of the section's table, with their line numbers in the document; null when the section is missing.
 * @param {string} markdown
 * @returns {{ rows: Row[], problems: string[] } | null}
 */
function tableRows(markdown) {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.trim() === HEADING);
  if (start < 0) return null;
  /** @type {Row[]} */
  const rows = [];
  /** @type {string[]} */
  const problems = [];
  let header = true;
  for (let i = start + 1; i < lines.length && !/^#{1,2}\s/.test(lines[i]); i += 1) {
    const text = lines[i];
    if (!text.trim().startsWith('|')) continue;
    const line = i + 1;
    const row = cells(text);
    if (header) {
      // The first row is the header, the second its separator.
      header = false;
      const names = row.map((c) => c.toLowerCase());
      const wanted = ['id', 'verdict', 'how', 'test or reason'];
      if (names.join('|') !== wanted.join('|')) problems.push(`${DOCUMENT}:${line}: the table's columns must be ${wanted.map((w) => `"${w}"`).join(', ')}, not ${row.map((c) => `"${c}"`).join(', ')}.`);
      continue;
    }
    if (row.every((c) => /^:?-+:?$/.test(c))) continue;
    if (row.length !== 4) {
      problems.push(`${DOCUMENT}:${line}: a row must have 4 cells (id, verdict, how, test or reason); this one has ${row.length}.`);
      continue;
    }
    const [id, verdict, how, evidence] = row;
    rows.push({ line, id, verdict, how, evidence });
  }
  return { rows, problems };
}

/**
 * The backticked repository paths of a cell, each with the quoted test titles that follow it (up to the next path).
 * @param {string} cell
 * @returns {{ paths: { path: string, titles: string[] }[], orphanTitles: string[] }}
 */
function citations(cell) {
  /** @type {{ path: string, titles: string[] }[]} */
  const paths = [];
  /** @type {string[]} */
  const orphanTitles = [];
  // A code span, or a title in straight or curly double quotes.
  const token = /`([^`]+)`|"([^"]+)"|“([^”]+)”/g;
  for (const match of cell.matchAll(token)) {
    if (match[1] !== undefined) {
      if (REPO_PATH.test(match[1])) paths.push({ path: match[1], titles: [] });
      continue;
    }
    const title = match[2] ?? match[3] ?? '';
    const last = paths.at(-1);
    if (last) last.titles.push(title);
    else orphanTitles.push(title);
  }
  return { paths, orphanTitles };
}

/** Backticked repository paths anywhere in a cell. @param {string} cell */
function pathsIn(cell) {
  return [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]).filter((p) => REPO_PATH.test(p));
}

/**
 * Whether a quoted title (or a fragment of one) occurs in a test file. A title shortened with `…` matches when each
 * piece between the ellipses occurs in the file.
 * @param {string} text the test file's text
 * @param {string} title
 */
function titleOccurs(text, title) {
  const pieces = title.split('…').map((p) => p.trim()).filter((p) => p.length > 0);
  return pieces.length > 0 && pieces.every((piece) => text.includes(piece));
}

/**
 * Checks the ASVS table of docs/security.md against the fixture of the standard's ids and against the repository.
 * @param {Fixture} fixture the parsed test/fixtures/asvs-5.0.0-level2.json
 * @param {string} markdown the text of docs/security.md
 * @param {ReadRepoFile} readRepoFile reads a file of the repository by its path from the root
 * @returns {Result}
 */
function checkAsvs(fixture, markdown, readRepoFile) {
  /** @type {string[]} */
  const problems = [];
  /** @type {Counts} */
  const counts = { met: 0, 'not applicable': 0, gap: 0 };
  const requirements = Array.isArray(fixture?.requirements) ? fixture.requirements : [];
  if (requirements.length === 0) problems.push(`${FIXTURE} lists no requirements.`);
  const standard = new Set();
  for (const r of requirements) {
    if (typeof r?.id !== 'string' || !ID.test(r.id)) problems.push(`${FIXTURE} has an entry whose id is not an ASVS id: ${JSON.stringify(r?.id)}.`);
    else if (standard.has(r.id)) problems.push(`${FIXTURE} lists ${r.id} twice.`);
    else standard.add(r.id);
  }

  const table = tableRows(markdown);
  if (!table) {
    problems.push(`${DOCUMENT} has no section "${HEADING.replace(/^#+\s*/, '')}" (a heading "${HEADING}").`);
    return { problems, counts, rows: 0 };
  }
  problems.push(...table.problems);

  /** @type {Map<string, number>} */
  const seen = new Map();
  /** @type {Map<string, string | null>} */
  const files = new Map();
  const read = (/** @type {string} */ p) => {
    if (!files.has(p)) files.set(p, readRepoFile(p));
    return files.get(p) ?? null;
  };

  for (const row of table.rows) {
    const at = `${DOCUMENT}:${row.line}`;
    if (!ID.test(row.id)) {
      problems.push(`${at}: "${row.id}" is not an ASVS 5.0 requirement id (written like V1.2.3).`);
      continue;
    }
    const earlier = seen.get(row.id);
    if (earlier !== undefined) problems.push(`${at}: ${row.id} is listed twice (first on line ${earlier}).`);
    else seen.set(row.id, row.line);
    if (!standard.has(row.id)) problems.push(`${at}: ${row.id} is not a Level 2 requirement of ASVS 5.0.0 (it is not in ${FIXTURE}).`);

    for (const p of [...pathsIn(row.how), ...pathsIn(row.evidence)]) {
      if (read(p) === null) problems.push(`${at}: ${row.id} names ${p}, which is not a file of the repository.`);
    }

    const verdict = /** @type {typeof VERDICTS[number]} */ (row.verdict);
    if (!VERDICTS.includes(verdict)) {
      problems.push(`${at}: ${row.id} has the verdict "${row.verdict}"; it must be one of ${VERDICTS.map((v) => `"${v}"`).join(', ')}.`);
      continue;
    }
    counts[verdict] += 1;

    if (verdict === 'met') {
      if (row.how.replace(/[—–-]/g, '').trim() === '') problems.push(`${at}: ${row.id} is met but does not say how.`);
      const { paths, orphanTitles } = citations(row.evidence);
      const tests = paths.filter((c) => TEST_FILE.test(c.path));
      if (tests.length === 0) problems.push(`${at}: ${row.id} is met but names no test file (a path in backticks such as \`test/auth.e2e-spec.ts\`).`);
      for (const title of orphanTitles) problems.push(`${at}: ${row.id} quotes the test title "${title}" before naming the file it is in.`);
      for (const c of paths) {
        const text = read(c.path);
        if (text === null) continue;
        for (const title of c.titles) {
          if (!titleOccurs(text, title)) problems.push(`${at}: ${row.id} quotes the test title "${title}", which is not in ${c.path}.`);
        }
      }
    } else {
      const words = row.evidence.replace(/[—–]/g, ' ').split(/\s+/).filter((w) => /\w/.test(w));
      if (words.length < MIN_REASON_WORDS) {
        const what = verdict === 'gap' ? 'what is missing' : 'why it does not apply';
        problems.push(`${at}: ${row.id} is "${verdict}" but gives no reason: say ${what} in its last cell.`);
      }
    }
  }

  for (const id of standard) {
    if (!seen.has(id)) problems.push(`${DOCUMENT}: ${id} (a Level 2 requirement of ASVS 5.0.0) is missing from the table.`);
  }
  return { problems, counts, rows: table.rows.length };
}

/**
 * Reads files of a repository checkout by their path from its root; never outside it.
 * @param {string} root
 * @returns {ReadRepoFile}
 */
function repoReader(root) {
  const absRoot = path.resolve(root);
  return (repoPath) => {
    const full = path.resolve(absRoot, repoPath);
    if (full !== absRoot && !full.startsWith(absRoot + path.sep)) return null;
    try {
      return fs.statSync(full).isFile() ? fs.readFileSync(full, 'utf8') : null;
    } catch {
      return null;
    }
  };
}

module.exports = { checkAsvs, repoReader, HEADING };

if (require.main === module) {
  const root = path.join(__dirname, '..');
  const read = repoReader(root);
  const fixtureText = read(FIXTURE);
  const markdown = read(DOCUMENT);
  if (fixtureText === null || markdown === null) {
    console.error(`Cannot read ${fixtureText === null ? FIXTURE : DOCUMENT}.`);
    process.exit(1);
  }
  const result = checkAsvs(/** @type {Fixture} */ (JSON.parse(fixtureText)), markdown, read);
  for (const problem of result.problems) console.error(problem);
  if (result.problems.length > 0) {
    console.error(`${result.problems.length} problem(s) with the ASVS list of ${DOCUMENT}: every Level 2 id of ${FIXTURE} needs one row, met (with a test that exists), not applicable or gap (each with its reason).`);
    process.exit(1);
  }
  const { counts } = result;
  console.log(`ASVS 5.0 Level 2: ${result.rows} requirements — ${counts.met} met, ${counts['not applicable']} not applicable, ${counts.gap} gap`);
}
