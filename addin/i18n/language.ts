// Chooses the UI language from Outlook's display language. Danish for "da" (any region), English otherwise.
import { da } from './da.js';
import { en, type Messages } from './en.js';

export type Language = 'en' | 'da';

export function chooseLanguage(displayLanguage: string | null | undefined): Language {
  const primary = (displayLanguage ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return primary === 'da' ? 'da' : 'en';
}

export function messagesFor(language: Language): Messages {
  return language === 'da' ? da : en;
}
