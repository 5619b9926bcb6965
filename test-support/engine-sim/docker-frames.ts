/** Docker's multiplexed stream (non-TTY logs and exec): an 8-byte header before each payload. */

export const STDOUT = 1;
export const STDERR = 2;

/** One frame: [stream, 0, 0, 0, size (uint32 big-endian)] then the payload. */
export function frame(stream: number, payload: Buffer): Buffer {
  const out = Buffer.allocUnsafe(8 + payload.length);
  out.writeUInt32BE(0, 0);
  out[0] = stream;
  out.writeUInt32BE(payload.length, 4);
  payload.copy(out, 8);
  return out;
}
