#!/usr/bin/env node
// `npm test`: type-check, lint, unit tests, then the real lab, integration tests and
// end-to-end tests in Chromium against browser mode. The lab is started if it is not
// running and stopped afterwards (pass or fail) if this run started it.
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

/** Steps that only read the tree, two at a time (each is one busy core); output is shown per step when it ends. */
async function together(steps) {
  const queue = [...steps];
  const runOne = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [name, command, args] = next;
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
    }
  };
  await Promise.all([runOne(), runOne()]);
}

await together([
  ['type-check', bin('tsc'), ['-p', 'tsconfig.node.json', '--noEmit']],
  ['type-check renderer', bin('tsc'), ['-p', 'tsconfig.web.json', '--noEmit']],
  ['type-check end-to-end tests', bin('tsc'), ['-p', 'tsconfig.e2e.json', '--noEmit']],
  ['lint (with the layer import rules)', bin('eslint'), ['.', '--max-warnings=0']],
]);
step('unit tests', bin('vitest'), ['run', '--project', 'unit']);
step('build', bin('electron-vite'), ['build']);

const wasUp = labIsUp();
const labUp = wasUp || step('start the lab', bin('tsx'), ['scripts/lab/lab.ts', 'up']);
try {
  if (labUp) {
    step('integration tests (real Docker, etcd, Zabbix)', bin('vitest'), ['run', '--project', 'int']);
    step('end-to-end tests (Chromium, browser mode)', bin('vitest'), ['run', '--project', 'e2e']);
  }
} finally {
  if (labUp && !wasUp && !process.env.KEEP_LAB) step('stop the lab', bin('tsx'), ['scripts/lab/lab.ts', 'down']);
}
process.exit(summary() === 0 ? 0 : 1);
