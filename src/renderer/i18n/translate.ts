import { en, type MessageKey, type Messages } from './en';
import { zhCN } from './zh-CN';

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

const catalogs: Record<Language, Messages> = { en, 'zh-CN': zhCN };

/** The `{name}` placeholders of an English message, as a union of names. */
type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;
export type ParamsOf<K extends MessageKey> = Placeholders<(typeof en)[K]>;
/** Keys of messages without placeholders (e.g. labels kept in tables of data). */
export type PlainMessageKey = { [K in MessageKey]: [ParamsOf<K>] extends [never] ? K : never }[MessageKey];
export type MessageParams = Record<string, string | number>;

/** `t('containers.count', { shown, total })`: parameters are required exactly when the message has placeholders. */
export type Translate = <K extends MessageKey>(
  key: K,
  ...params: [ParamsOf<K>] extends [never] ? [] : [Record<ParamsOf<K>, string | number>]
) => string;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function interpolate(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = params[name];
    return value === undefined ? match : String(value);
  });
}

export function createTranslate(language: Language): Translate {
  const catalog = catalogs[language];
  return ((key: MessageKey, params?: MessageParams) => interpolate(catalog[key] ?? en[key], params)) as Translate;
}

/** The language to start with: the remembered one, else the system's if we have it, else English. */
export function initialLanguage(remembered: string | null, systemLanguages: readonly string[]): Language {
  if (isLanguage(remembered)) return remembered;
  return systemLanguages.some((tag) => tag.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}
