// The task pane's page carries the client configuration (what GET /config answers) in a JSON data block with this
// id, written by the server that serves the page (server/http/pageConfig.ts): the pane reads it as its first
// answer (addin/taskpane/earlyConfigKey.ts) instead of asking, so its start waits for one request fewer. A page
// without it (served by anything else) asks GET /config as before.
export const PAGE_CONFIG_ELEMENT_ID = 'interlog-config';
