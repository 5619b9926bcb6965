import type { sessionEn } from './session.en';

/** 会话恢复（重新打开上次的终端）的简体中文。 */
export const sessionZhCN: Record<keyof typeof sessionEn, string> = {
  'session.offer.label': '上次运行时的终端',
  'session.offer.title': '控制台上次运行时打开的终端：{count} 个',
  'session.offer.item': '{engine} 上的 {name}',
  'session.offer.defaultShell': '默认 Shell',
  'session.offer.reopen': '重新打开',
  'session.offer.dismiss': '忽略',
  'session.offer.more': '另有 {count} 个',
  'session.offer.hint': '不会自动重连：重新打开前会照常请求执行确认。',
  'session.offer.gone': '无法重新打开：{message}',
};
