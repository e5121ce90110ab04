// The language and formatting settings for the component tree.
import { createContext, useContext } from 'react';
import { en, type Messages } from './en.js';
import type { FormatOptions } from './format.js';

export interface I18n extends FormatOptions {
  t: Messages;
}

export const I18nContext = createContext<I18n>({ t: en, locale: 'en-US' });

export function useI18n(): I18n {
  return useContext(I18nContext);
}
