import { fileURLToPath } from 'node:url';
import pkg from '../../../package.json';
import { createAppContext } from '../app-context';
import { startWebServer } from './web-server';

/** Browser mode: the main-process code under plain Node, serving the renderer on loopback. */
async function main(): Promise<void> {
  const portArg = process.argv.find((a) => a.startsWith('--port='));
  const log = (message: string, error?: unknown) =>
    console.error(`[ops-console] ${message}${error ? `: ${(error as Error).message ?? String(error)}` : ''}`);
  const context = await createAppContext({ host: 'browser', version: pkg.version, log, recordStats: process.env.OPS_CONSOLE_RECORD_STATS !== '0', watch: true });
  const server = await startWebServer({
    dispatcher: context.dispatcher,
    rendererDir: fileURLToPath(new URL('../renderer', import.meta.url)),
    port: portArg ? Number(portArg.slice('--port='.length)) : Number(process.env.OPS_CONSOLE_PORT ?? 0),
    log,
  });
  console.log(`Ops Console (browser mode) is running. Open: ${server.url}`);
  if (context.info.profileError) console.log(`Profile problem: ${context.info.profileError}`);
  const stop = async () => {
    await server.close();
    context.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`Ops Console could not start: ${(error as Error).message}`);
  process.exit(1);
});
