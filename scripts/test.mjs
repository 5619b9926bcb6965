#!/usr/bin/env node
// `npm test`: type-check, lint, unit tests, build; against the real lab, side by side, the
// integration tests and the end-to-end tests (Chromium, browser mode); last, alone, the tests that
// freeze, restart or churn the whole lab (with the 3-minute soak). The lab is started (while the tree is
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

/** What failed: each failed test's name and its error's first line, so the log's tail says it. */
function failureDigest(r) {
  const lines = r.output.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '').split('\n');
  const start = Math.max(0, lines.findIndex((l) => /Failed Tests \d+/.test(l)));
  const picked = [];
  for (let i = start; i < lines.length && picked.length < 16; i++) {
    if (!/^\s*FAIL\s/.test(lines[i])) continue;
    const error = lines.slice(i + 1, i + 8).find((l) => /Error|expected|Timed? ?out|timeout/i.test(l));
    picked.push(`  ${lines[i].trim().slice(0, 200)}`, `      ${(error ?? '').trim().slice(0, 200)}`);
  }
  // The soak's figures (what it measured, try by try): CI keeps only the log's tail.
  const soak = lines.filter((l) => /^\s*\[soak\] (after warm-up|growth|made)/.test(l)).map((l) => `  ${l.trim().slice(0, 400)}`);
  if (picked.length) return [...picked, ...soak].join('\n');
  // Not vitest (type-check, lint, build): its error lines.
  return lines.filter((l) => /error|✖/i.test(l)).slice(0, 12).map((l) => `  ${l.trim().slice(0, 200)}`).join('\n');
}

function summary() {
  console.log('\n=== Summary');
  for (const r of results) console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.name} (${r.seconds} s)`);
  for (const r of results.filter((x) => !x.ok && x.output)) console.log(`--- failed in ${r.name}:\n${failureDigest(r)}`);
  const failed = results.filter((r) => !r.ok).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  return failed;
}

/** Runs a step in the background; its output is shown when it ends, so the log reads step by step. */
async function captured(name, command, args, env = {}) {
  const started = Date.now();
  const output = [];
  const code = await new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    child.stdout.on('data', (d) => output.push(d));
    child.stderr.on('data', (d) => output.push(d));
    child.on('close', resolve);
  });
  console.log(`\n=== ${name}`);
  process.stdout.write(Buffer.concat(output));
  results.push({ name, ok: code === 0, seconds: Math.round((Date.now() - started) / 1000), output: Buffer.concat(output).toString() });
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

// Run in the integration tests' lane once the build is done: the integration test of the built
// desktop app, and end-to-end files that mostly wait (a console asleep for 60 s, an engine frozen),
// so that both lanes take about as long.
const AFTER_BUILD_IN_INT_LANE = ['src/main/hosts/electron-host.int.test.ts', 'e2e/console-asleep.e2e.test.ts', 'e2e/freeze.e2e.test.ts'];
const later = { TESTS_RUN_LATER: AFTER_BUILD_IN_INT_LANE.join(',') };

const wasUp = labIsUp();
// The lab starts (mostly waiting on its daemons and database) while the tree is checked and built.
const labStarting = wasUp ? Promise.resolve(true) : captured('start the lab', bin('tsx'), ['scripts/lab/lab.ts', 'up']);
const checked = (async () => {
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
})();

const labUp = await labStarting;
try {
  if (labUp) {
    // Two lanes against the lab: the integration tests start as soon as it is up (they need no
    // build); the end-to-end tests once the renderer is built. Tests that compare a whole engine or
    // the whole registry with the console do so until both agree at one moment, so the other
    // lane's containers and keys do not make them fail.
    await Promise.all([
      (async () => {
        await captured('integration tests (real Docker, etcd, Zabbix)', bin('vitest'), ['run', '--project', 'int'], later);
        await checked;
        await captured('the built desktop app, console asleep, engine frozen', bin('vitest'), ['run', '--project', 'int', '--project', 'e2e', ...AFTER_BUILD_IN_INT_LANE]);
      })(),
      (async () => {
        await checked;
        await captured('end-to-end tests (Chromium, browser mode)', bin('vitest'), ['run', '--project', 'e2e'], later);
      })(),
    ]);
    // Tests that freeze or churn the whole lab, and the soak: alone.
    await captured('whole-lab tests (freeze, soak), alone', bin('vitest'), ['run', '--project', 'solo']);
  } else await checked;
} finally {
  if (labUp && !wasUp && !process.env.KEEP_LAB) step('stop the lab', bin('tsx'), ['scripts/lab/lab.ts', 'down']);
}
process.exit(summary() === 0 ? 0 : 1);
