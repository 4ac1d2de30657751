// Records Content-Security-Policy violations on a device's pages, so a spec can assert the strict policy of
// principle 14 blocked nothing the app needs. It only records; it never relaxes or reports anything itself.
import type { BrowserContext, Page } from '@playwright/test';

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

/**
 * Every page of the context collects `securitypolicyviolation` events from its first script on, each as
 * `<directive> <blocked URI> <source file>:<line>` so a failure names the offending file.
 */
export async function recordCspViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const seen: string[] = [];
    window.__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`),
    );
  });
}

/** The violations this page has seen so far (empty when none, or when recording was never set up). */
export function readCspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__cspViolations ?? []);
}
