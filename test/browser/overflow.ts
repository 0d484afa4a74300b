// What a narrow or zoomed pane hides: every element that sticks out of the page sideways, and every element that clips
// its content (overflow hidden or clip) or scrolls it sideways. Measured element by element, not only as the page's
// scroll width: a card that hides its overflow keeps the page from scrolling while the words in it are cut.
import type { Page } from 'playwright-core';

export interface Overflow {
  /** How far the page itself scrolls sideways, in CSS px. */
  page: number;
  /** One line per element that sticks out or clips: what it is, its text, and by how much. */
  elements: string[];
}

/** tsx names the functions it compiles with a helper the page lacks: the page gets a stand-in before a named one runs. */
export async function pageNames(page: Page): Promise<void> {
  await page.evaluate('window.__name = window.__name || ((f) => f)');
}

export async function overflowIn(page: Page): Promise<Overflow> {
  await pageNames(page);
  // Measured at rest: a panel half-way through opening clips its own content.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    const describe = (e: Element) => {
      const id = e.getAttribute('data-testid');
      const cls = [...e.classList].find((c) => c.startsWith('fui-'));
      return `${e.tagName.toLowerCase()}${id ? `[${id}]` : ''}${cls ? `.${cls}` : ''} "${(e.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 50)}"`;
    };
    // Text meant for screen readers only sits in a 1 px clipped box; Fluent's focus-trap helpers are 1 px too.
    const screenReaderOnly = (e: Element) => {
      for (let a: Element | null = e; a; a = a.parentElement) {
        const box = a.getBoundingClientRect();
        if (box.width <= 1 && box.height <= 1) return true;
        const style = getComputedStyle(a);
        if (style.clip.startsWith('rect(0')) return true;
      }
      return false;
    };
    for (const e of document.querySelectorAll('body *')) {
      if (!(e instanceof HTMLElement)) continue;
      const style = getComputedStyle(e);
      if (style.display === 'none' || style.visibility === 'hidden' || e.offsetParent === null) continue;
      const box = e.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      if (screenReaderOnly(e)) continue;
      if (box.right > width + 0.5 || box.left < -0.5)
        found.push(
          `${describe(e)} sticks out: left ${Math.round(box.left)}, right ${Math.round(box.right)} of ${width}`,
        );
      // An input scrolls its own text as the caret moves; everything else must show all it holds.
      if (e instanceof HTMLInputElement || e instanceof HTMLTextAreaElement || e instanceof HTMLSelectElement) continue;
      if (style.overflowX !== 'visible' && e.scrollWidth > e.clientWidth + 1) {
        // The innermost content past the box's edge names what is cut.
        const edge = box.left + e.clientWidth;
        const past = [...e.querySelectorAll('*')].filter((d) => d.getBoundingClientRect().right > edge + 0.5);
        const inner = past.filter((d) => !past.some((o) => o !== d && d.contains(o)));
        found.push(
          `${describe(e)} ${style.overflowX === 'auto' || style.overflowX === 'scroll' ? 'scrolls sideways' : 'clips'} ${e.scrollWidth - e.clientWidth} px wide${inner.length > 0 ? `, cutting ${inner.slice(0, 3).map(describe).join('; ')}` : ''}`,
        );
      }
      if ((style.overflowY === 'hidden' || style.overflowY === 'clip') && e.scrollHeight > e.clientHeight + 1)
        found.push(`${describe(e)} clips ${e.scrollHeight - e.clientHeight} px of height`);
    }
    // The innermost culprits say what to fix; their ancestors that stick out with them add nothing.
    return { page: document.documentElement.scrollWidth - width, elements: found };
  });
}
