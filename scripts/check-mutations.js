#!/usr/bin/env node
// @ts-check
/**
 * `npm run check:mutations` (issue 22; docs/operations.md, "The mutation check"): each mechanism the durability of
 * the service rests on is removed in turn, as a patch to a scratch copy of this checkout, and the test named for it
 * must then fail. A mechanism whose removal no test notices is not shown to be needed, or not tested: the check
 * names it and exits 1. First the named tests are run on the unpatched copy: they must pass there, or a failure
 * under a patch would prove nothing.
 *
 * Usage: node scripts/check-mutations.js [name …]   (all mutations when none is named)
 * The PostgreSQL ones use DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test). Slow: minutes, not seconds;
 * run before resolving durability work, not in CI.
 */
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync, spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..');
const PG_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

/**
 * @typedef {{ file: string, find: string, replace: string }} Edit
 * @typedef {{ name: string, mechanism: string, edits: Edit[], test: string, only?: string, postgres?: boolean }} Mutation
 */

/** @type {Mutation[]} */
const MUTATIONS = [
  {
    name: 'conditional-update',
    mechanism: 'the conditional UPDATE: a record is written only at the version the writer read',
    edits: [
      {
        file: 'src/database/versioned-update.ts',
        find: ".where('id = :id AND version = :version', { id: row.id, version: row.version })",
        replace: ".where('id = :id', { id: row.id })",
      },
    ],
    test: 'test/versioned-update.e2e-spec.ts',
  },
  {
    name: 'idempotency-row-in-transaction',
    mechanism: "the idempotency row written in the command's own transaction",
    edits: [{ file: 'src/idempotency/idempotency.service.ts', find: '    this.uow.onBeforeCommit((tx, result) => this.record(tx, result));\n', replace: '' }],
    test: 'test/crash-points.e2e-spec.ts',
    only: 'after COMMIT',
  },
  {
    name: 'delivery-row',
    mechanism: "the outbox delivery row committed with the handler's effect",
    edits: [
      { file: 'src/outbox/outbox-relay.service.ts', find: '        if (done) return;\n', replace: '' },
      {
        file: 'src/outbox/outbox-relay.service.ts',
        find: '        await tx.insert(OutboxDeliveryEntity, { eventId: event.id, handler: handler.name, deliveredAt: this.clock.now() });\n',
        replace: '',
      },
    ],
    test: 'test/crash-points.e2e-spec.ts',
    only: 'outbox relay killed',
  },
  {
    name: 'skip-locked',
    mechanism: "the relay's claim with FOR UPDATE SKIP LOCKED (PostgreSQL)",
    edits: [{ file: 'src/outbox/outbox-relay.service.ts', find: 'LIMIT ${BATCH} FOR UPDATE SKIP LOCKED', replace: 'LIMIT ${BATCH}' }],
    test: 'test/scale-out.postgres-only.e2e-spec.ts',
    only: 'two relays',
    postgres: true,
  },
  {
    name: 'replay-inputs',
    mechanism: "each transition's replay inputs (its guard inputs) kept on its history row, outside the blankable payload",
    edits: [
      {
        file: 'src/database/hash-chain.ts',
        find: 'guardInputs: entry.guardInputs == null ? null : (canonicalize(entry.guardInputs) ?? null),',
        replace: 'guardInputs: null,',
      },
    ],
    test: 'test/replay-workload.e2e-spec.ts',
  },
];

/** A copy of the checkout's tracked files (as they are now, changes included), sharing its node_modules. */
function scratchCopy() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-mutation-'));
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT }).toString().split('\0').filter(Boolean);
  for (const file of files) {
    const from = path.join(ROOT, file);
    if (!fs.existsSync(from)) continue;
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.copyFileSync(from, path.join(dir, file));
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

/** Applies the edits; each text must occur exactly once, or the mutation no longer describes the code. */
function apply(/** @type {string} */ dir, /** @type {Mutation} */ mutation) {
  for (const edit of mutation.edits) {
    const file = path.join(dir, edit.file);
    const text = fs.readFileSync(file, 'utf8');
    const count = text.split(edit.find).length - 1;
    if (count !== 1) throw new Error(`${mutation.name}: ${edit.file} holds the text to remove ${count} times, not once; update the mutation`);
    fs.writeFileSync(file, text.replace(edit.find, edit.replace));
  }
}

/** Runs the mutation's test in `dir`; true when it passed. `expectPass`: print why, when it did not. */
function passes(/** @type {string} */ dir, /** @type {Mutation} */ mutation, expectPass = false) {
  const args = ['jest', '--runInBand', '--ci', mutation.test, ...(mutation.only ? ['-t', mutation.only] : [])];
  const env = { ...process.env, DATABASE_URL: mutation.postgres ? PG_URL : '' };
  const run = spawnSync('npx', args, { cwd: dir, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const summary = `${run.stdout}\n${run.stderr}`.split('\n').filter((line) => /^Tests:/.test(line.trim())).pop();
  process.stdout.write(`    ${summary ? summary.trim() : '(no summary)'}\n`);
  if (expectPass && run.status !== 0) {
    const failure = `${run.stdout}\n${run.stderr}`.split('\n').filter((line) => line.trim() !== '' && !/^\s+at /.test(line));
    const first = failure.findIndex((line) => line.includes('●'));
    process.stdout.write(`${failure.slice(Math.max(first, 0), Math.max(first, 0) + 40).join('\n')}\n`);
  }
  return run.status === 0;
}

function main() {
  const wanted = process.argv.slice(2);
  const chosen = wanted.length === 0 ? MUTATIONS : MUTATIONS.filter((m) => wanted.includes(m.name));
  if (chosen.length !== (wanted.length || MUTATIONS.length)) {
    process.stdout.write(`unknown mutation; known: ${MUTATIONS.map((m) => m.name).join(', ')}\n`);
    process.exit(2);
  }
  const results = [];
  for (const mutation of chosen) {
    const named = `${mutation.test}${mutation.only ? ` -t "${mutation.only}"` : ''}${mutation.postgres ? ' (PostgreSQL)' : ''}`;
    process.stdout.write(`${mutation.name}: without ${mutation.mechanism}\n  named test: ${named}\n`);
    const control = scratchCopy();
    const mutated = scratchCopy();
    try {
      process.stdout.write('  unpatched:\n');
      const controlPasses = passes(control, mutation, true);
      apply(mutated, mutation);
      process.stdout.write('  patched:\n');
      const mutatedPasses = passes(mutated, mutation);
      const verdict = !controlPasses ? 'INVALID (the test fails without the patch)' : mutatedPasses ? 'SURVIVED (no test noticed)' : 'killed (the test failed, as it must)';
      results.push({ name: mutation.name, verdict, ok: controlPasses && !mutatedPasses });
      process.stdout.write(`  => ${verdict}\n\n`);
    } finally {
      fs.rmSync(control, { recursive: true, force: true });
      fs.rmSync(mutated, { recursive: true, force: true });
    }
  }
  for (const r of results) process.stdout.write(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name}: ${r.verdict}\n`);
  const failed = results.filter((r) => !r.ok).length;
  process.stdout.write(`${results.length - failed} of ${results.length} mutations killed by their named tests\n`);
  process.exit(failed === 0 ? 0 : 1);
}

main();
