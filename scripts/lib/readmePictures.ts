// The README's pictures: which e2e screenshot each is, and the suite that takes it. `npm run screenshots`
// (scripts/screenshots.ts) runs those suites and copies the pictures into docs/screenshots/.
export const SCREENSHOT_DIR = 'test-results/screenshots';
export const PICTURE_DIR = 'docs/screenshots';

export interface ReadmePicture {
  /** Under test-results/screenshots/, as the suite saves it. */
  from: string;
  /** Under docs/screenshots/, as the README links it. */
  to: string;
  suite: string;
}

export const README_PICTURES: readonly ReadmePicture[] = [
  { from: 'outlook-web-read.png', to: 'pane-read.png', suite: 'test/e2e/addin/outlook-web-host.test.ts' },
  {
    from: 'outlook-web-compose.png',
    to: 'pane-compose.png',
    suite: 'test/e2e/addin/outlook-web-host.test.ts',
  },
  { from: 'read-history-da-dark.png', to: 'pane-danish-dark.png', suite: 'test/e2e/addin/states.test.ts' },
  { from: 'admin/08-job-status.png', to: 'console-job-status.png', suite: 'test/e2e/admin/wizard.test.ts' },
  { from: 'admin/05-wizard-advanced.png', to: 'console-wizard.png', suite: 'test/e2e/admin/wizard.test.ts' },
];
