// Main side only: logs.tail of a 500k-line container through the dispatcher, to the last line.
import { testContext } from './test-support/test-context';
import { labProfile } from './test-support/lab';
import { docker } from './test-support/docker-cli';
const id = process.argv[2]!;
const total = Number(process.argv[3]);
const ref = labProfile().docker[0]!;
const context = await testContext();
for (let r = 0; r < 2; r++) {
  const t = performance.now();
  let n = 0; let messages = 0;
  await new Promise<void>((resolve) => {
    const cancel = context.dispatcher.subscribe('logs.tail', { selection: { containers: [{ engine: ref.name, id }] }, since: '2000-01-01T00:00:00Z', tail: 100000, follow: true }, (event) => {
      if (event.type !== 'data') return;
      messages++;
      JSON.stringify(event);
      for (const item of event.items as Array<unknown>) {
        if (Array.isArray(item)) n++;
        else if ((item as { kind: string }).kind === 'lines') n += (item as { m: string }).m.split('\n').length;
      }
      if (n >= total) { cancel(); resolve(); }
    });
  });
  console.log(process.cwd(), 'main only', Math.round(performance.now() - t), 'ms', n, 'lines', messages, 'messages');
}
context.close();
process.exit(0);
