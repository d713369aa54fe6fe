/**
 * Which elements of a selection a reader actually sees. Only markup is read (tag names,
 * attributes, inline style), so the rules hold for cloned fragments, which have no computed
 * style; the live page adds its style sheets through `extraTest`.
 */

/** Elements whose content is never visible text. */
const SKIPPED = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'HEAD',
  'TITLE',
  'META',
  'LINK',
  'BASE',
  'IFRAME',
  'FRAME',
  'OBJECT',
  'EMBED',
  'SVG',
  'CANVAS',
  'AUDIO',
  'VIDEO',
  'SELECT',
  'OPTION',
  'DATALIST',
  'INPUT',
  'TEXTAREA',
  'BUTTON',
  'MAP',
  'AREA',
  'SOURCE',
  'TRACK',
  'PARAM',
  'DIALOG',
]);

/** Whether `element` and all it contains stay out of the text; `extraTest` is e.g. computed `display: none` in the live page. */
export function isHidden(element: Element, extraTest?: (element: Element) => boolean): boolean {
  const tag = element.tagName.toUpperCase();
  if (SKIPPED.has(tag) && !(tag === 'DIALOG' && element.hasAttribute('open'))) return true;
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return true;
  const style = (element.getAttribute('style') ?? '').toLowerCase();
  if (/(^|;)\s*display\s*:\s*none/.test(style) || /(^|;)\s*visibility\s*:\s*hidden/.test(style)) return true;
  // A closed <details> shows only its summary.
  const parent = element.parentElement;
  if (parent && parent.tagName.toUpperCase() === 'DETAILS' && !parent.hasAttribute('open') && tag !== 'SUMMARY') return true;
  return extraTest?.(element) ?? false;
}
