// Imported first by every page entry. zod compiles fast parsers with `new Function` after probing whether eval is
// allowed; under the pages' Content-Security-Policy (no 'unsafe-eval') that probe is a CSP violation, reported
// as one (the pane's start watchdog listens to violations, and so do admins' report tools). jitless skips it.
import { z } from 'zod';

z.config({ jitless: true });
