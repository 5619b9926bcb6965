import { fileURLToPath } from 'node:url';
import pkg from '../../../package.json';
import { startWebServer } from './web-server';

/** Browser mode: the main-process code under plain Node, serving the renderer on loopback. */
async function main(): Promise<void> {
  const portArg = process.argv.find((a) => a.startsWith('--port='));
  const log = (message: string, error?: unknown) =>
    console.error(`[ops-console] ${message}${error ? `: ${(error as Error).message ?? String(error)}` : ''}`);
  // The server listens and serves the page while the connectors' libraries load (about a second
  // on a laptop): the page's first calls wait for the app instead of the page waiting for both.
  const starting = loadLibrariesServingBetween()
    .then(() => import('../app-context'))
    .then(({ createAppContext }) => createAppContext({ host: 'browser', version: pkg.version, log, recordStats: process.env.OPS_CONSOLE_RECORD_STATS !== '0', watch: true }));
  const dispatcher = starting.then((context) => context.dispatcher);
  dispatcher.catch(() => undefined); // a failed start is reported below, once
  const server = await startWebServer({
    dispatcher,
    rendererDir: fileURLToPath(new URL('../renderer', import.meta.url)),
    port: portArg ? Number(portArg.slice('--port='.length)) : Number(process.env.OPS_CONSOLE_PORT ?? 0),
    log,
  });
  console.log(`Ops Console (browser mode) is running. Open: ${server.url}`);
  const context = await starting;
  if (context.info.profileError) console.log(`Profile problem: ${context.info.profileError}`);
  const stop = async () => {
    await server.close();
    context.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

/**
 * Loading a library is one synchronous block of the only thread (dockerode, etcd3 and zod take
 * 200-300 ms each here): loaded one at a time, with a turn of the event loop between them, the
 * page's own file requests are served in between instead of after all of them. Only a warm-up:
 * app-context imports what it needs either way.
 */
async function loadLibrariesServingBetween(): Promise<void> {
  for (const name of ['zod', 'yaml', 'dockerode', 'etcd3']) {
    await new Promise((resolve) => setImmediate(resolve));
    await import(name).catch(() => undefined);
  }
  await new Promise((resolve) => setImmediate(resolve));
}

main().catch((error: unknown) => {
  console.error(`Ops Console could not start: ${(error as Error).message}`);
  process.exit(1);
});
