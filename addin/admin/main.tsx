// admin.html entry: the admin console in a plain browser tab (no Office.js). Served by the Interlog server, which
// is also the API (same origin). `?devUser=` signs in as that address when the server runs its development
// issuer; `?lang=da|en` chooses the language.
import '../zodConfig.js';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { AdminApp } from './AdminApp.js';

const element = document.getElementById('root');
if (!element) throw new Error('admin.html has no #root element');
const params = new URLSearchParams(location.search);
createRoot(element).render(
  createElement(AdminApp, {
    env: { baseUrl: location.origin, devUser: params.get('devUser') },
    language: params.get('lang'),
  }),
);
