// lab/busybox:1: busybox-static + applets, etcdctl with its loader and libc, /www and the replica script; imported
// into each engine with `docker import` (no registry here) unless the engine already has this exact recipe.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Docker from 'dockerode';
import { ENGINE_NAMES, type EngineName, type LabPaths } from './paths.js';
import { engineClient } from './docker-engines.js';
import { run, say } from './proc.js';
import { which } from './packages.js';

export const LAB_IMAGE = 'lab/busybox:1';
const RECIPE_LABEL = 'lab.recipe';
const REPLICA_SCRIPT = new URL('./replica.sh', import.meta.url);

const INDEX_HTML = `<!doctype html>
<html><head><title>lab replica</title></head>
<body><h1>lab replica</h1><p>Served by busybox httpd inside lab/busybox:1. See <a href="info.json">info.json</a>.</p></body></html>
`;

/** Shared libraries etcdctl needs (absolute paths as the loader names them), from ldd. */
async function etcdctlLibs(etcdctl: string): Promise<string[]> {
  const out = (await run('ldd', [etcdctl])).stdout;
  const libs: string[] = [];
  for (const line of out.split('\n')) {
    const m = line.match(/=>\s+(\/\S+)/) ?? line.match(/^\s+(\/\S+)\s+\(/);
    if (m?.[1]) libs.push(m[1]);
  }
  return libs;
}

/** A hash of everything that goes into the image, so a changed recipe re-imports it. */
async function recipeHash(etcdctl: string): Promise<string> {
  const h = createHash('sha256');
  h.update(fs.readFileSync(REPLICA_SCRIPT));
  h.update(INDEX_HTML);
  h.update(String(fs.statSync('/bin/busybox').size));
  h.update(String(fs.statSync(etcdctl).size));
  h.update('v1');
  return h.digest('hex').slice(0, 16);
}

async function buildTarball(p: LabPaths, etcdctl: string): Promise<void> {
  const root = p.image.rootfs;
  fs.rmSync(root, { recursive: true, force: true });
  for (const d of ['bin', 'usr/bin', 'etc', 'www', 'app', 'tmp', 'proc', 'sys', 'dev', 'root']) {
    fs.mkdirSync(path.join(root, d), { recursive: true });
  }
  fs.chmodSync(path.join(root, 'tmp'), 0o1777);
  fs.copyFileSync('/bin/busybox', path.join(root, 'bin/busybox'));
  fs.chmodSync(path.join(root, 'bin/busybox'), 0o755);
  const applets = (await run('/bin/busybox', ['--list'])).stdout.split('\n').map((s) => s.trim()).filter(Boolean);
  for (const a of applets) {
    if (a === 'busybox' || a.includes('/')) continue;
    fs.symlinkSync('busybox', path.join(root, 'bin', a));
  }
  fs.copyFileSync(etcdctl, path.join(root, 'usr/bin/etcdctl'));
  fs.chmodSync(path.join(root, 'usr/bin/etcdctl'), 0o755);
  for (const lib of await etcdctlLibs(etcdctl)) {
    const dest = path.join(root, lib);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.copyFileSync(fs.realpathSync(lib), dest);
    fs.chmodSync(dest, 0o755);
  }
  fs.writeFileSync(path.join(root, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n');
  fs.writeFileSync(path.join(root, 'etc/group'), 'root:x:0:\nnogroup:x:65534:\n');
  fs.writeFileSync(path.join(root, 'www/index.html'), INDEX_HTML);
  fs.copyFileSync(REPLICA_SCRIPT, path.join(root, 'app/replica.sh'));
  fs.chmodSync(path.join(root, 'app/replica.sh'), 0o755);
  await run('tar', ['-C', root, '--numeric-owner', '--owner=0', '--group=0', '-cf', p.image.tarball, '.']);
}

async function imageRecipe(docker: Docker): Promise<string | null> {
  try {
    const info = await docker.getImage(LAB_IMAGE).inspect();
    return info.Config?.Labels?.[RECIPE_LABEL] ?? '';
  } catch {
    return null;
  }
}

async function importInto(docker: Docker, tarball: string, recipe: string): Promise<void> {
  const stream = await docker.importImage(tarball, {
    repo: 'lab/busybox',
    tag: '1',
    changes: [
      'CMD ["/app/replica.sh"]',
      'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      'WORKDIR /',
      `LABEL ${RECIPE_LABEL}=${recipe} org.opencontainers.image.title=lab-busybox`,
    ],
  });
  const body = await new Promise<string>((resolve, reject) => {
    let s = '';
    stream.on('data', (d: Buffer) => (s += d.toString()));
    stream.on('end', () => resolve(s));
    stream.on('error', reject);
  });
  const err = body.match(/"error"\s*:\s*"([^"]*)"/);
  if (err) throw new Error(`docker import failed: ${err[1]}`);
}

/** Import lab/busybox:1 into both engines where it is missing or built from an older recipe. */
export async function ensureLabImage(p: LabPaths): Promise<void> {
  const etcdctl = which('etcdctl');
  if (!etcdctl) throw new Error('etcdctl not found');
  const recipe = await recipeHash(etcdctl);
  const need: EngineName[] = [];
  for (const name of ENGINE_NAMES) {
    if ((await imageRecipe(engineClient(p, name))) !== recipe) need.push(name);
  }
  if (need.length === 0) return;
  fs.mkdirSync(p.image.dir, { recursive: true });
  await buildTarball(p, etcdctl);
  for (const name of need) {
    await importInto(engineClient(p, name), p.image.tarball, recipe);
    say('image', `${LAB_IMAGE} imported into ${name}`);
  }
}

/** Id of lab/busybox:1 on an engine (to tell whether a container runs the current image). */
export async function labImageId(docker: Docker): Promise<string | null> {
  try {
    return (await docker.getImage(LAB_IMAGE).inspect()).Id;
  } catch {
    return null;
  }
}
