import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { screenshot } from './browser.ts';

const require = createRequire(import.meta.url);
// Evaluated through the DevTools protocol: the portal's Content-Security-Policy (script-src 'self')
// rightly refuses an injected <script>, and stays on for the pages checked.
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export type AxeFinding = { id: string; impact: string; help: string; targets: string[] };

/**
 * Runs axe-core (from the registry, injected into the page) on what the page shows now and returns
 * its serious and critical violations, each with the elements at fault.
 */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(`${axeSource}\n;undefined`);
  return page.evaluate(async () => {
    type Result = {
      violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
    };
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<Result> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({
        id: violation.id,
        impact: violation.impact ?? '',
        help: violation.help,
        targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
      }));
  });
}

/**
 * The page as it stands, at a laptop's and a phone's width: its serious and critical violations at
 * each, and a screenshot of each under pages/ beside the role sweeps'. For states a sweep cannot
 * reach by address (a question from engineering, a fix to check). The viewport is put back after.
 */
export async function reviewAtWidths(page: Page, name: string): Promise<Record<string, AxeFinding[]>> {
  const before = page.viewportSize();
  const findings: Record<string, AxeFinding[]> = {};
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: width === 375 ? 740 : 800 });
    const found = await seriousAccessibilityViolations(page);
    if (found.length > 0) findings[`${name} at ${width}`] = found;
    await screenshot(page, `pages/${name}-${width}`);
  }
  if (before) await page.setViewportSize(before);
  return findings;
}
