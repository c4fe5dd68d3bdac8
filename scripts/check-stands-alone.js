#!/usr/bin/env node
// @ts-check
/**
 * The repository stands alone: a user clones only it. This check fails when a file in the repository
 * names a path that climbs above the repository root (a sibling folder of the checkout, or three steps
 * up from `src/workflow`) or an absolute path of a developer's machine (a home folder, a workspace).
 * Paths of system tools (`/usr/bin/chromium`, `/etc/postgresql`) are fine. A line that must hold such a
 * string as data (a path-traversal attack in the fuzz corpus, this check's own samples) says so with
 * `stands-alone: sample`.
 * Run by `npm run lint`.
 *
 * Usage: node scripts/check-stands-alone.js [root]   (exit 1 and one line per finding when it fails)
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

/** Generated or third-party files: not ours to write, and a lock file lists registry addresses only. */
const SKIPPED = [/^node_modules\//, /^dist\//, /^coverage\//, /^data\//, /^\.ci\/out\//, /(^|\/)package-lock\.json$/];

/** Folders under which a path names somebody's machine rather than the system's tools. */
const MACHINE_PATH = /(?<![\w.~/-])(?:\/(?:home|Users|root|work|check|mnt\/c)\/[\w.@-]+|[A-Za-z]:\\Users\\)/g;

/** A Markdown document named in a comment or a link, with a `§` section when one follows. */
const DOCUMENT_MENTION = /(?<![\w/.-])((?:\.{1,2}\/)*[\w./-]*[\w-]\.md)\b(?:[^\S\n]+(§[\d.]*\d))?/g;

/** Marks a line whose path is data under test, never a path the project reads. */
const ALLOW_MARK = 'stands-alone: sample';

/** One or more `../` steps followed by the rest of the path (not `.../x`, not part of a word). */
const RELATIVE_CLIMB = /(?<![\w.])((?:\.\.\/)+)([\w@.-][\w@./-]*)?/g;

/**
 * The files to check: those git tracks plus those it would track (not ignored); every file below the
 * root when it is not a git checkout (the check's own tests use a plain temporary folder).
 * @param {string} root
 * @returns {string[]} paths relative to root, with forward slashes
 */
function listFiles(root) {
  try {
    const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    if (path.resolve(gitTopLevel(root)) === path.resolve(root)) return out.split('\0').filter(Boolean);
  } catch {
    // Not a git checkout: walk the folder instead.
  }
  /** @type {string[]} */
  const files = [];
  const walk = (/** @type {string} */ dir) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name !== '.git' && entry.name !== 'node_modules') walk(rel);
      } else if (entry.isFile()) files.push(rel);
    }
  };
  walk('');
  return files;
}

/** @param {string} dir */
function gitTopLevel(dir) {
  return execFileSync('git', ['rev-parse', '--show-toplevel'], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }).trim();
}

/**
 * @typedef {{ file: string, line: number, text: string, reason: string }} Finding
 * @param {string} root the repository root
 * @returns {Finding[]}
 */
function findOutsidePaths(root) {
  const absRoot = path.resolve(root);
  /** @type {Finding[]} */
  const findings = [];
  const files = listFiles(absRoot);
  const documents = documentIndex(absRoot, files);
  for (const file of files) {
    if (SKIPPED.some((pattern) => pattern.test(file))) continue;
    const full = path.join(absRoot, file);
    if (!fs.existsSync(full)) continue;
    const buffer = fs.readFileSync(full);
    if (buffer.includes(0)) continue;
    const lines = buffer.toString('utf8').split('\n');
    lines.forEach((text, index) => {
      if (text.includes(ALLOW_MARK)) return;
      for (const match of text.matchAll(RELATIVE_CLIMB)) {
        const target = path.resolve(path.dirname(full), match[1] + (match[2] ?? ''));
        const relative = path.relative(absRoot, target);
        if (relative === '..' || relative.startsWith(`..${path.sep}`)) {
          findings.push({ file, line: index + 1, text: match[0], reason: 'climbs above the repository root' });
        }
      }
      for (const match of text.matchAll(DOCUMENT_MENTION)) {
        const reason = unresolvedDocument(documents, absRoot, path.dirname(full), match[1], match[2]);
        if (reason) findings.push({ file, line: index + 1, text: match[0], reason });
      }
      for (const match of text.matchAll(MACHINE_PATH)) {
        findings.push({ file, line: index + 1, text: match[0], reason: "names a path on a developer's machine" });
      }
    });
  }
  return findings;
}

/**
 * Every Markdown file in the repository: by its path from the root, and the `§` numbers of its headings.
 * @param {string} absRoot
 * @param {string[]} files
 * @returns {Map<string, Set<string>>}
 */
function documentIndex(absRoot, files) {
  const index = new Map();
  for (const file of files) {
    if (!file.endsWith('.md') || SKIPPED.some((pattern) => pattern.test(file))) continue;
    const full = path.join(absRoot, file);
    if (!fs.existsSync(full)) continue;
    const sections = new Set();
    for (const heading of fs.readFileSync(full, 'utf8').matchAll(/^#{1,6}\s+§([\d.]*\d)/gm)) sections.add(heading[1]);
    index.set(file, sections);
  }
  return index;
}

/**
 * Why a mention of a Markdown document does not resolve, or null when it does. A mention resolves when
 * it names a file of the repository from the mentioning file's folder or from the root (`docs/law.md`),
 * or is the bare name of one (`README.md`); a `§` it carries must be a heading of that file.
 * @param {Map<string, Set<string>>} documents
 * @param {string} absRoot
 * @param {string} fromDir
 * @param {string} mention
 * @param {string | undefined} section
 * @returns {string | null}
 */
function unresolvedDocument(documents, absRoot, fromDir, mention, section) {
  const candidates = [path.resolve(fromDir, mention), path.resolve(absRoot, mention)]
    .map((p) => path.relative(absRoot, p).split(path.sep).join('/'))
    .filter((rel) => documents.has(rel));
  if (candidates.length === 0 && !mention.includes('/')) {
    candidates.push(...[...documents.keys()].filter((rel) => rel === mention || rel.endsWith(`/${mention}`)));
  }
  if (candidates.length === 0) return 'names a document that is not in the repository';
  if (section && !candidates.some((rel) => documents.get(rel)?.has(section.slice(1)))) {
    return `names ${section}, which is not a heading of ${candidates[0]}`;
  }
  return null;
}

module.exports = { findOutsidePaths };

if (require.main === module) {
  const root = path.resolve(process.argv[2] ?? path.join(__dirname, '..'));
  const findings = findOutsidePaths(root);
  for (const f of findings) console.error(`${f.file}:${f.line}: ${f.text} — ${f.reason}`);
  if (findings.length > 0) {
    console.error(
      `${findings.length} path(s) reach outside the repository. A user clones only this repository: put what ` +
        'they need under docs/ or test/fixtures/ and cite that.',
    );
    process.exit(1);
  }
}
