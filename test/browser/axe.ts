// axe-core (from npm, injected into the page) as the browser tests run it: violations, less the known false positive
// on Fluent's focus-trap helpers (aria-hidden-focus on its dummy inputs), in words that say where to look.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface Finding {
  id: string;
  impact: string | null;
  nodes: { target: string; html: string; dummy: boolean }[];
}

declare global {
  interface Window {
    axe?: {
      run(
        context: Document,
        options: object,
      ): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[]; html: string }[] }[] }>;
    };
  }
}

/**
 * Violations in the page as it is now. `atRest` first waits until nothing loads and no transition is half-way (colours
 * judged mid-fade are wrong); a state that only exists while something runs (a check's progress) is taken as it is.
 */
export async function axeFindings(page: Page, { atRest = true } = {}): Promise<Finding[]> {
  if (atRest)
    await page.waitForFunction(
      () =>
        document.querySelector('main [role="progressbar"], main .fui-Spinner') === null &&
        document.getAnimations().every((a) => a.playState !== 'running'),
    );
  if (!(await page.evaluate(() => window.axe !== undefined))) await page.addScriptTag({ content: AXE });
  const findings = await page.evaluate(async () => {
    const result = await window.axe!.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => {
        const element = document.querySelector(String(n.target[0]));
        return {
          target: String(n.target[0]),
          html: n.html.slice(0, 160),
          dummy: element?.hasAttribute('data-tabster-dummy') === true,
        };
      }),
    }));
  });
  return real(findings);
}

/** What is left once Fluent's focus-trap helpers' aria-hidden-focus is set aside. */
function real(findings: Finding[]): Finding[] {
  return findings
    .map((f) => (f.id === 'aria-hidden-focus' ? { ...f, nodes: f.nodes.filter((n) => !n.dummy) } : f))
    .filter((f) => f.nodes.length > 0);
}
