// WCAG 2.2 focus appearance (2.4.13), measured: each element Tab reaches is photographed focused and unfocused, and the
// pixels that change by a contrast of 3:1 or more must cover at least a 2 CSS px thick perimeter of the component
// (for a radio, checkbox or switch, the control with its label, around which Fluent draws its ring).
import type { Page } from 'playwright-core';
import { pageNames } from './overflow';

interface Focused {
  what: string;
  box: { x: number; y: number; width: number; height: number };
  key: string;
}

async function focusedElement(page: Page): Promise<Focused | null> {
  await pageNames(page);
  return page.evaluate(() => {
    const e = document.activeElement;
    if (!e || e === document.body || !e.closest('main, header')) return null;
    // The control as a whole: a field's box, a radio or switch with its label.
    const component = e.matches('input, select')
      ? (e.closest('.fui-Input, .fui-Combobox, .fui-Select, .fui-Radio, .fui-Checkbox, .fui-Switch') ?? e)
      : e;
    // The whole ring in view, so none of it is judged missing for being past the viewport's edge.
    const before = component.getBoundingClientRect();
    if (before.top < 8 || before.bottom > window.innerHeight - 8) component.scrollIntoView({ block: 'center' });
    const r = component.getBoundingClientRect();
    const id = e.getAttribute('data-testid');
    const name = e.getAttribute('aria-label') ?? (component.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
    const what = `${e.tagName.toLowerCase()}${id ? `[${id}]` : ''}${e.getAttribute('role') ? ` (${e.getAttribute('role')})` : ''} “${name}”`;
    const path: number[] = [];
    for (let n: Element | null = e; n?.parentElement; n = n.parentElement)
      path.push([...n.parentElement.children].indexOf(n));
    return { what, box: { x: r.x, y: r.y, width: r.width, height: r.height }, key: path.join('.') };
  });
}

/** How many pixels differ by a contrast ratio of at least 3 between two same-sized PNGs, decoded in the page. */
async function contrastingPixels(page: Page, before: Buffer, after: Buffer): Promise<number> {
  await pageNames(page);
  return page.evaluate(
    async ([a, b]) => {
      const decode = async (base64: string) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const context = canvas.getContext('2d')!;
        context.drawImage(bitmap, 0, 0);
        return context.getImageData(0, 0, bitmap.width, bitmap.height).data;
      };
      const channel = (v: number) => {
        const c = v / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      const luminance = (d: Uint8ClampedArray, i: number) =>
        0.2126 * channel(d[i]) + 0.7152 * channel(d[i + 1]) + 0.0722 * channel(d[i + 2]);
      const [x, y] = [await decode(a), await decode(b)];
      let count = 0;
      for (let i = 0; i < Math.min(x.length, y.length); i += 4) {
        const [l1, l2] = [luminance(x, i), luminance(y, i)];
        if ((Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05) >= 3) count++;
      }
      return count;
    },
    [before.toString('base64'), after.toString('base64')] as const,
  );
}

/**
 * Walks the page with Tab from the selected tab, up to `limit` stops or until focus leaves the pane or comes back to
 * where it began, and says which focused elements show too little of a ring.
 */
export async function focusAppearance(page: Page, limit = 300): Promise<{ reached: number; faults: string[] }> {
  await page.locator('[role="tab"][aria-selected="true"]').focus();
  const seen = new Set<string>();
  const faults: string[] = [];
  const viewport = page.viewportSize()!;
  for (let step = 0; step < limit; step++) {
    await page.keyboard.press('Tab');
    const focused = await focusedElement(page);
    if (!focused || seen.has(focused.key)) break;
    seen.add(focused.key);
    const { box } = focused;
    if (box.width === 0 || box.height === 0) {
      faults.push(`${focused.what} is focused but has no size`);
      continue;
    }
    const x = Math.max(0, Math.floor(box.x - 4));
    const y = Math.max(0, Math.floor(box.y - 4));
    const clip = {
      x,
      y,
      width: Math.min(viewport.width, Math.ceil(box.x + box.width + 4)) - x,
      height: Math.min(viewport.height, Math.ceil(box.y + box.height + 4)) - y,
    };
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    const on = await page.screenshot({ clip, scale: 'css', animations: 'disabled' });
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const off = await page.screenshot({ clip, scale: 'css', animations: 'disabled' });
    // Back to where Tab left it, still as a keyboard focus, so the next Tab goes on from there.
    await page.evaluate((key) => {
      let node: Element = document.documentElement;
      for (const index of key.split('.').map(Number).reverse()) node = node.children[index];
      (node as HTMLElement).focus();
    }, focused.key);
    // The perimeter of the part of the component in view (a long list's box may run past the viewport).
    const [w, h] = [Math.min(box.width, clip.width - 8), Math.min(box.height, clip.height - 8)];
    const needed = Math.round(4 * (w + h) - 16);
    const changed = await contrastingPixels(page, off, on);
    if (changed < needed) faults.push(`${focused.what}: ${changed} px change by 3:1, ${needed} px needed`);
  }
  return { reached: seen.size, faults };
}
