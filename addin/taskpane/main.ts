// taskpane.html entry: wait for Office.js, wrap it in the OfficeHost, mount the pane. The server that serves
// this page is the API (same origin). `?devUser=` picks the dev user when the server runs in dev auth mode.
/// <reference types="office-js" />
import { createOfficeHost } from '../office/host.js';
import { officeReady } from '../office/ready.js';
import { mountTaskpane } from './mount.js';

async function start(): Promise<void> {
  await officeReady(Office);
  const element = document.getElementById('root');
  if (!element) throw new Error('taskpane.html has no #root element');
  mountTaskpane(element, {
    host: createOfficeHost(Office),
    baseUrl: location.origin,
    devUser: new URLSearchParams(location.search).get('devUser'),
  });
}

start().catch((e: unknown) => {
  console.error('Interlog add-in failed to start', e);
  const element = document.getElementById('root');
  if (element) element.textContent = 'Interlog could not start. Close and reopen the pane.';
});
