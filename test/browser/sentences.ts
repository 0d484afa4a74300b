// Whether the pane's words read as sentences: each block of text the pane shows (a paragraph, a caption, a notice, a
// list entry, a figure) has no doubled word ("first … first" side by side) and no label stacked on a label ("Status:
// invalid: a choice", two colons a few words apart); and a sentence (six words or more, beginning with a capitalised
// word rather than a code such as C4 or a figure) ends as one.
import type { Page } from 'playwright-core';
import { pageNames } from './overflow';

export async function sentenceFaults(page: Page): Promise<string[]> {
  await pageNames(page);
  return page.evaluate(() => {
    const BLOCKS = 'p, li, dd, .fui-Body1, .fui-Caption1, .fui-MessageBarBody, .fui-Field__hint, [role="status"]';
    const faults: string[] = [];
    const shown = (e: Element) => (e as HTMLElement).offsetParent !== null || e.getAttribute('role') === 'status';
    for (const block of document.querySelectorAll(BLOCKS)) {
      if (!shown(block)) continue;
      // A block holding other blocks is judged by them (a notice's list), not as one run of text.
      if (block.querySelector(BLOCKS)) continue;
      const text = (block.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (text === '') continue;
      const doubled = /\b([A-Za-z]{2,})\s+\1\b/i.exec(text);
      if (doubled) faults.push(`“${text}” says “${doubled[1]}” twice`);
      // A colon that introduces is followed by a space; one in a range (A1:G13) or a time is not.
      const stacked = /:\s+(\S+(?:\s+\S+){0,3}):\s/.exec(text);
      if (stacked) faults.push(`“${text}” stacks labels: “…: ${stacked[1]}: …”`);
      const words = text.split(' ').length;
      const sentence = words >= 6 && /^[A-Z][a-z]/.test(text) && !text.includes('·');
      if (sentence && !/([.!?:…]|[.!?]["”’)])$/.test(text)) faults.push(`“${text}” does not end as a sentence`);
    }
    return faults;
  });
}
