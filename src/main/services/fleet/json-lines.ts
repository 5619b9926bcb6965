import type { Readable } from 'node:stream';

/**
 * Reads a stream of JSON documents separated by newlines (Docker's events and stats),
 * calling onItem for each; a line that is not JSON is skipped, never fatal.
 */
export function readJsonLines(stream: Readable, onItem: (item: unknown) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    stream.setEncoding?.('utf8');
    stream.on('data', (chunk: string | Buffer) => {
      buffer += chunk.toString();
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        if (line) {
          try {
            onItem(JSON.parse(line));
          } catch {
            // A torn or odd line: skip it.
          }
        }
        newline = buffer.indexOf('\n');
      }
    });
    stream.on('end', () => resolve());
    stream.on('close', () => resolve());
    stream.on('error', reject);
  });
}
