// Imported first by every page entry. zod compiles fast parsers with `new Function` after probing whether eval is
// allowed; under the pages' Content-Security-Policy (no 'unsafe-eval') that probe is a CSP violation, reported
// as one (the pane's start watchdog listens to violations, and so do admins' report tools). jitless skips it.
// The pages use zod/mini (shared/api's schemas are written for it: a third of classic zod's bytes, half its cost
// to build the pane's answer schemas as it starts), which sets no locale: English messages, as the server's, for
// the few forms that show zod's own (the admin console's logging setup).
import { z } from 'zod/mini';
import { en } from 'zod/v4/locales';

z.config({ jitless: true, ...en() });
