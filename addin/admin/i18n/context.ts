// Language of the admin console: ?lang=da|en wins, then the browser's language (Danish for any "da" tag).
import { createContext, useContext } from 'react';
import { da } from './da.js';
import { en, type AdminMessages } from './en.js';

export type AdminLanguage = 'en' | 'da';

export interface AdminI18n {
  t: AdminMessages;
  language: AdminLanguage;
  /** BCP 47 tag for dates and numbers. */
  locale: string;
}

export function chooseAdminLanguage(
  param: string | null,
  browserLanguage: string | undefined,
): AdminLanguage {
  const tag = (param || browserLanguage || '').trim().toLowerCase().split(/[-_]/)[0];
  return tag === 'da' ? 'da' : 'en';
}

export function adminI18n(language: AdminLanguage): AdminI18n {
  return language === 'da'
    ? { t: da, language, locale: 'da-DK' }
    : { t: en, language, locale: navigator.language.startsWith('en') ? navigator.language : 'en-GB' };
}

export const AdminI18nContext = createContext<AdminI18n>({ t: en, language: 'en', locale: 'en-GB' });

export function useAdminI18n(): AdminI18n {
  return useContext(AdminI18nContext);
}
