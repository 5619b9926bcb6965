import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from './content-security';
import { decidePermission, decideWindowOpen, isAppUrl, isTrustedSender, secureWebPreferences } from './electron-policy';

const appUrl = 'file:///opt/ops-console/resources/app.asar/out/renderer/index.html';

describe('Electron security policy', () => {
  it('isolates and sandboxes the renderer without Node', () => {
    expect(secureWebPreferences('/p/preload.cjs')).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
  });

  it('allows navigation only to the app page', () => {
    expect(isAppUrl(`${appUrl}#/containers`, appUrl)).toBe(true);
    expect(isAppUrl('https://evil.example/', appUrl)).toBe(false);
    expect(isAppUrl('file:///etc/passwd', appUrl)).toBe(false);
    expect(isAppUrl('http://localhost:5173/#/logs', 'http://localhost:5173/')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
    expect(isAppUrl('not a url', appUrl)).toBe(false);
  });

  it('accepts IPC only from the app top frame', () => {
    const top = { url: appUrl, parent: null };
    expect(isTrustedSender(top, appUrl)).toBe(true);
    expect(isTrustedSender({ url: appUrl, parent: top }, appUrl)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null }, appUrl)).toBe(false);
    expect(isTrustedSender(null, appUrl)).toBe(false);
  });

  it('denies permissions and new windows', () => {
    expect(decidePermission('media', appUrl, appUrl)).toBe(false);
    expect(decidePermission('geolocation', appUrl + '#/logs', appUrl)).toBe(false);
    expect(decidePermission('notifications', appUrl + '#/incidents', appUrl)).toBe(true);
    expect(decidePermission('notifications', 'https://evil.example/', appUrl)).toBe(false);
    expect(decidePermission('notifications', undefined, appUrl)).toBe(false);
    expect(decideWindowOpen()).toEqual({ action: 'deny' });
  });

  it('has a strict CSP: no inline script, no eval, no remote origins', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|https?:/);
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });

  it('the Electron host applies the policy (no setting overridden by hand)', () => {
    const source = readFileSync(new URL('./electron.ts', import.meta.url), 'utf8');
    expect(source).toContain('webPreferences: secureWebPreferences(preloadPath)');
    expect(source).toContain('setWindowOpenHandler(decideWindowOpen)');
    expect(source).toContain("contents.on('will-navigate'");
    expect(source).toContain("contents.on('will-attach-webview'");
    expect(source).toContain('setPermissionRequestHandler');
    expect(source).toContain('isTrustedSender(event.senderFrame, appUrl)');
    expect(source).not.toMatch(/nodeIntegration:\s*true|contextIsolation:\s*false|sandbox:\s*false|webSecurity:\s*false/);
  });

  it('the preload exposes only invoke and subscribe', () => {
    const source = readFileSync(new URL('../../preload/index.ts', import.meta.url), 'utf8');
    expect(source.match(/exposeInMainWorld/g)).toHaveLength(1);
    expect(source).toMatch(/const bridge: Bridge = \{\s*invoke:[\s\S]*subscribe\(/);
  });
});
