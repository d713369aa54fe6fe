/**
 * A tiny markdown subset (paragraphs, line breaks, lists, bold, italic, http(s) links) parsed
 * into plain data. Views turn these nodes into elements whose text is always escaped, so user
 * or clipped text can never become markup (no innerHTML anywhere).
 */

export type InlineNode =
  | { type: 'text'; text: string }
  | { type: 'break' }
  | { type: 'strong'; children: InlineNode[] }
  | { type: 'em'; children: InlineNode[] }
  | { type: 'link'; href: string; children: InlineNode[] };

export type BlockNode = { type: 'paragraph'; children: InlineNode[] } | { type: 'list'; ordered: boolean; items: InlineNode[][] };

const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const NUMBERED = /^\s{0,3}\d{1,9}[.)]\s+(.*)$/;
// Bounded lengths keep a hostile text (thousands of `[`) from making the parser quadratic.
const LINK = /\[([^\]\n]{1,500})\]\(([^()\s]{1,2048})\)/y;
const BARE_URL = /https?:\/\/[^\s<>"]{1,2048}/y;
const MAX_MARKER_DISTANCE = 2000;

/** The URL if it is an absolute http(s) URL, otherwise null (no javascript:, data:, relative links). */
export function safeHref(raw: string): string | null {
  const trimmed = raw.trim();
  if (!/^https?:\/\//i.test(trimmed)) return null;
  try {
    const url = new URL(trimmed);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}]/u.test(char);
}

/** Parses one block's inline text; `\n` becomes a line break. */
export function parseInline(text: string, allowLinks = true): InlineNode[] {
  const nodes: InlineNode[] = [];
  let buffer = '';
  const flush = () => {
    if (buffer) nodes.push({ type: 'text', text: buffer });
    buffer = '';
  };
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === '\n') {
      flush();
      nodes.push({ type: 'break' });
      i++;
      continue;
    }
    if (char === '\\' && i + 1 < text.length && /[\\*_[\]()]/.test(text[i + 1])) {
      buffer += text[i + 1];
      i += 2;
      continue;
    }
    if (allowLinks && char === '[') {
      LINK.lastIndex = i;
      const match = LINK.exec(text);
      const href = match ? safeHref(match[2]) : null;
      if (match && href) {
        flush();
        nodes.push({ type: 'link', href, children: parseInline(match[1], false) });
        i += match[0].length;
        continue;
      }
    }
    if (allowLinks && char === 'h' && !isWordChar(text[i - 1])) {
      BARE_URL.lastIndex = i;
      const match = BARE_URL.exec(text);
      if (match) {
        // Trailing punctuation belongs to the sentence, not the URL.
        const url = match[0].replace(/[.,;:!?)'\]]+$/, '');
        const href = safeHref(url);
        if (href) {
          flush();
          nodes.push({ type: 'link', href, children: [{ type: 'text', text: url }] });
          i += url.length;
          continue;
        }
      }
    }
    if ((char === '*' || char === '_') && !(char === '_' && isWordChar(text[i - 1]))) {
      const strong = text[i + 1] === char;
      const marker = strong ? char + char : char;
      const start = i + marker.length;
      const end = text.indexOf(marker, start);
      const closes =
        end > start &&
        end - start <= MAX_MARKER_DISTANCE &&
        !/\s/.test(text[start]) &&
        !/\s/.test(text[end - 1]) &&
        !(char === '_' && isWordChar(text[end + marker.length]));
      if (closes) {
        flush();
        const children = parseInline(text.slice(start, end), allowLinks);
        nodes.push(strong ? { type: 'strong', children } : { type: 'em', children });
        i = end + marker.length;
        continue;
      }
    }
    buffer += char;
    i++;
  }
  flush();
  return nodes;
}

/** Parses markdown text into blocks: paragraphs (blank-line separated) and lists. */
export function parseMarkdown(text: string): BlockNode[] {
  const blocks: BlockNode[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;
  const endParagraph = () => {
    if (paragraph.length > 0) blocks.push({ type: 'paragraph', children: parseInline(paragraph.join('\n')) });
    paragraph = [];
  };
  const endList = () => {
    if (list) blocks.push({ type: 'list', ordered: list.ordered, items: list.items.map((item) => parseInline(item)) });
    list = null;
  };
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const item = bullet ?? numbered;
    if (item) {
      endParagraph();
      const ordered = numbered !== null;
      if (list && list.ordered !== ordered) endList();
      list ??= { ordered, items: [] };
      list.items.push(item[1]);
    } else if (line.trim() === '') {
      endParagraph();
      endList();
    } else if (list && /^\s{2,}\S/.test(line)) {
      // An indented line continues the previous list item.
      list.items[list.items.length - 1] += `\n${line.trim()}`;
    } else {
      endList();
      paragraph.push(line);
    }
  }
  endParagraph();
  endList();
  return blocks;
}
