/** A change was made through the console (a container action ...): screens that show history refresh. */
const listeners = new Set<() => void>();

export function onActionPerformed(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function actionPerformed(): void {
  for (const listener of listeners) listener();
}
