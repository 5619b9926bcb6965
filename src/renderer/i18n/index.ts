export { I18nProvider, useLanguage, useT } from './I18nProvider';
export { LANGUAGES, isLanguage, type Language, type PlainMessageKey, type Translate } from './translate';
export type { MessageKey } from './en';
