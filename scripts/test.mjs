#!/usr/bin/env node
// `npm test`: type-check, lint, unit tests, build; then against the real lab the integration
// tests, the end-to-end tests (Chromium, browser mode), and last the tests that freeze, restart
// or churn the whole lab (with the 3-minute soak). The lab is started (while the tree is
// checked) if it is not running, and stopped afterwards (pass or fail) if this run started it.
import { spawn, spawnSync } from 'node:child_process';

const bin = (name) => `node_modules/.bin/${name}`;
const results = [];

function step(name, command, args, options = {}) {
  const started = Date.now();
  console.log(`\n=== ${name}`);
  const run = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...options.env } });
  const ok = run.status === 0;
  results.push({ name, ok, seconds: Math.round((Date.now() - started) / 1000) });
  return ok;
}

function labIsUp() {
  return spawnSync(bin('tsx'), ['scripts/lab/lab.ts', 'status', '--quiet'], { stdio: 'ignore' }).status === 0;
}

function summary() {
  console.log('\n=== Summary');
  for (const r of results) console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.name} (${r.seconds} s)`);
  const failed = results.filter((r) => !r.ok).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  return failed;
}

/** Runs a step in the background; its output is shown when it ends, so the log reads step by step. */
async function captured(name, command, args) {
  const started = Date.now();
  const output = [];
  const code = await new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => output.push(d));
    child.stderr.on('data', (d) => output.push(d));
    child.on('close', resolve);
  });
  console.log(`\n=== ${name}`);
  process.stdout.write(Buffer.concat(output));
  results.push({ name, ok: code === 0, seconds: Math.round((Date.now() - started) / 1000) });
  return code === 0;
}

/** Steps side by side, two at a time. */
async function together(steps) {
  const queue = [...steps];
  const runOne = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) await captured(...next);
  };
  await Promise.all([runOne(), runOne()]);
}

const wasUp = labIsUp();
// The lab starts (mostly waiting on its daemons and database) while the tree is checked and built.
const labStarting = wasUp ? Promise.resolve(true) : captured('start the lab', bin('tsx'), ['scripts/lab/lab.ts', 'up']);
await together([
  ['type-check', bin('tsc'), ['-p', 'tsconfig.node.json', '--noEmit']],
  ['type-check renderer', bin('tsc'), ['-p', 'tsconfig.web.json', '--noEmit']],
  ['type-check end-to-end tests', bin('tsc'), ['-p', 'tsconfig.e2e.json', '--noEmit']],
  ['lint (with the layer import rules)', bin('eslint'), ['.', '--max-warnings=0']],
]);
await together([
  ['unit tests', bin('vitest'), ['run', '--project', 'unit']],
  ['build', bin('electron-vite'), ['build']],
]);

const labUp = await labStarting;
try {
  if (labUp) {
    // One after the other: side by side they took about 12 minutes instead of 16, but a few tests
    // still compare the whole lab with what the console shows and race the other lane's changes.
    step('integration tests (real Docker, etcd, Zabbix)', bin('vitest'), ['run', '--project', 'int']);
    step('end-to-end tests (Chromium, browser mode)', bin('vitest'), ['run', '--project', 'e2e']);
    // Tests that freeze or churn the whole lab, and the soak: alone.
    step('whole-lab tests (freeze, soak), alone', bin('vitest'), ['run', '--project', 'solo']);
  }
} finally {
  if (labUp && !wasUp && !process.env.KEEP_LAB) step('stop the lab', bin('tsx'), ['scripts/lab/lab.ts', 'down']);
}
process.exit(summary() === 0 ? 0 : 1);
