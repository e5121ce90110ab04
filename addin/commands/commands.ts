// commands.html: the manifest's FunctionFile. The add-in has only "show task pane" buttons, so there are no
// functions to register; Outlook still expects the page to load Office.js and become ready.
/// <reference types="office-js" />
import { officeReady } from '../office/ready.js';

void officeReady(Office);
