// preview.html entry (development and demo only; the server does not serve it in production): the REAL Office.js
// with a stand-in Outlook filled into its context, the pane's real Office module on top, and sample messages
// from the demo data. `?lang=da-DK` picks Outlook's display language, `?theme=dark` its theme.
/// <reference types="office-js" />
import '../zodConfig.js';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { createOfficeHost } from '../office/host.js';
import { officeReady } from '../office/ready.js';
import { installFakeOutlook, type FakeTheme } from './fake-outlook.js';
import { PREVIEW_LANGUAGES, PreviewPage } from './PreviewPage.js';
import { people, sampleMessages } from './samples.js';

async function start(): Promise<void> {
  await officeReady(Office);
  const params = new URLSearchParams(location.search);
  const language = PREVIEW_LANGUAGES.find((l) => l.tag === params.get('lang'))?.tag ?? 'en-US';
  const theme: FakeTheme = params.get('theme') === 'dark' ? 'dark' : 'light';
  const samples = sampleMessages(new Date());
  const outlook = installFakeOutlook(Office, {
    item: samples[0]?.message ?? null,
    displayLanguage: language,
    user: people.annette,
    theme,
  });
  const element = document.getElementById('root');
  if (!element) throw new Error('preview.html has no #root element');
  createRoot(element).render(
    createElement(PreviewPage, { outlook, host: createOfficeHost(Office), samples, language, theme }),
  );
}

start().catch((e: unknown) => {
  console.error('Interlog preview failed to start', e);
  const element = document.getElementById('root');
  if (element) element.textContent = 'The preview could not start; see the browser console.';
});
