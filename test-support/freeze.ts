/**
 * Freezes a process as a sleeping laptop or a dropped VPN freezes a peer: SIGSTOP keeps its
 * sockets open and answers nothing. `thaw` is safe to call twice; call it in a finally.
 */
export function freeze(pids: readonly number[]): { thaw(): void } {
  for (const pid of pids) process.kill(pid, 'SIGSTOP');
  let thawed = false;
  return {
    thaw() {
      if (thawed) return;
      thawed = true;
      for (const pid of pids) {
        try {
          process.kill(pid, 'SIGCONT');
        } catch {
          // gone already
        }
      }
    },
  };
}

/** Waits until check() holds, polling every 50 ms; fails with what it waited for. */
export async function until(check: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
