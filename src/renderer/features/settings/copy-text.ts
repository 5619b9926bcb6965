/**
 * Puts text on the clipboard: the async Clipboard API where the page may use it, else the
 * selection of a (visible) text area and the copy command, which the desktop app allows on a click.
 */
export async function copyText(text: string, fallback?: HTMLTextAreaElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!fallback) return false;
    fallback.hidden = false;
    fallback.value = text;
    fallback.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}
