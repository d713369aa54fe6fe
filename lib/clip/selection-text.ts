/**
 * Turns the DOM of a selection into readable text with light markdown: paragraphs, headings,
 * line breaks, nested lists, block quotes, code blocks, simple tables and `[text](absolute url)`
 * links. It only reads nodes (tag names, attributes, text), never serialises or renders HTML,
 * so clipped markup cannot run anywhere. Pure DOM walking: the same code runs in the page and
 * in tests.
 *
 * Markdown punctuation in the text itself is not escaped: the quote is shown as text, and
 * `\*` would only make it harder to read. Images are left out (their alt text stands in for
 * an image-only link).
 */
import { MAX_QUOTE_CHARS } from '../model';
import { collectRows, tableLines } from './selection-table';
import { cutText } from './text';
import { isHidden } from './visibility';

export interface SelectionTextOptions {
  /** Resolves relative `href`s; in the page this is `document.baseURI`. */
  baseUrl: string;
  /** Length limit of the result in UTF-16 code units, marker included (default MAX_QUOTE_CHARS). */
  maxChars?: number;
  /** Extra hidden test, e.g. computed `display: none` in the live page; cloned nodes have no computed style. */
  isHidden?: (element: Element) => boolean;
}

/** A part of a selection: a node (a fragment from `Range.cloneContents()`, an element) or a live range. */
export type SelectionPart = Node | Range;

/** Converts a selection's DOM (nodes, fragments or live ranges, joined as paragraphs) into capped readable text. */
export function selectionToText(parts: SelectionPart | readonly SelectionPart[], options: SelectionTextOptions): string {
  const maxChars = options.maxChars ?? MAX_QUOTE_CHARS;
  const texts: string[] = [];
  let total = 0;
  for (const part of Array.isArray(parts) ? parts : [parts]) {
    if (total > maxChars) break;
    const writer = new QuoteWriter(options, maxChars - total);
    if (isRange(part)) writer.range(part);
    else writer.node(part, true);
    const text = writer.finish();
    if (text) {
      texts.push(text);
      total += text.length + 2;
    }
  }
  return cutText(texts.join('\n\n'), maxChars, 'quote');
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;
const DOCUMENT_NODE = 9;
const DOCUMENT_FRAGMENT_NODE = 11;

/** Block elements that end a paragraph (a blank line around them). */
const PARAGRAPH_BLOCKS = new Set(['P', 'ADDRESS', 'FIGURE', 'DETAILS', 'HGROUP']);

/** Block elements that only start a new line, like `innerText` does for most blocks. */
const LINE_BLOCKS = new Set([
  'DIV',
  'SECTION',
  'ARTICLE',
  'HEADER',
  'FOOTER',
  'MAIN',
  'NAV',
  'ASIDE',
  'FORM',
  'FIELDSET',
  'LEGEND',
  'FIGCAPTION',
  'SUMMARY',
  'CENTER',
  'CAPTION',
  'DT',
  'BODY',
  'HTML',
  'MENU',
  'SEARCH',
  'OUTPUT',
]);

const SAFE_LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:', 'tel:', 'ftp:']);

/** A prefix frame for nested blocks: `> ` for quotes, `- ` then `  ` for list items. */
interface Frame {
  first: string;
  rest: string;
  started: boolean;
}

/** An inline run collected apart from the lines: link text, a table cell. */
interface Capture {
  text: string;
  pendingSpace: boolean;
  leadingSpace: boolean;
}

interface Clip {
  range: Range;
  startContainer: Node;
  startOffset: number;
  endContainer: Node;
  endOffset: number;
}

class QuoteWriter {
  private readonly output: string[] = [];
  private outputLength = 0;
  private readonly frames: Frame[] = [];
  private readonly captures: Capture[] = [];
  private line = '';
  private pendingSpace = false;
  private pendingBlank = false;
  private blankInParagraph = false;
  private preDepth = 0;
  private headingDepth = 0;
  private linkDepth = 0;
  private listDepth = 0;
  private clip: Clip | null = null;
  private full = false;

  constructor(
    private readonly options: SelectionTextOptions,
    private readonly budget: number,
  ) {}

  /** Walks the live nodes inside a range, clipping the boundary text nodes, so ancestors' meaning (a list, a quote) and computed visibility are kept. */
  range(range: Range): void {
    if (range.collapsed) return;
    this.clip = {
      range,
      startContainer: range.startContainer,
      startOffset: range.startOffset,
      endContainer: range.endContainer,
      endOffset: range.endOffset,
    };
    const root = range.commonAncestorContainer;
    if (root.nodeType === TEXT_NODE || root.nodeType === CDATA_SECTION_NODE) {
      // A selection inside one text node keeps the whitespace rules of where it sits.
      const pre = root.parentElement?.closest('pre, textarea, listing, xmp') ?? null;
      if (!pre) return this.textNode(root);
      this.preDepth++;
      this.textNode(root);
      this.flushLine(true);
      this.preDepth--;
      return;
    }
    this.node(root, true);
  }

  /** Converts a node; a root element keeps its own meaning (a `<ul>` stays a list) unless it is just a container. */
  node(node: Node, isRoot = false): void {
    if (this.full) return;
    if (this.clip && !isRoot && !this.clip.range.intersectsNode(node)) return;
    switch (node.nodeType) {
      case TEXT_NODE:
      case CDATA_SECTION_NODE:
        this.textNode(node);
        return;
      case ELEMENT_NODE:
        this.element(node as Element, isRoot);
        return;
      case DOCUMENT_NODE:
      case DOCUMENT_FRAGMENT_NODE:
        this.children(node);
        return;
      default:
        return; // comments, processing instructions
    }
  }

  finish(): string {
    this.boundary(false);
    return this.output.join('\n').replace(/\s+$/, '');
  }

  private children(node: Node): void {
    for (let child = node.firstChild; child && !this.full; child = child.nextSibling) this.node(child);
  }

  private textNode(node: Node): void {
    let data = node.nodeValue ?? '';
    if (this.clip) {
      if (node === this.clip.endContainer) data = data.slice(0, this.clip.endOffset);
      if (node === this.clip.startContainer) data = data.slice(this.clip.startOffset);
    }
    if (this.preDepth > 0 && this.captures.length === 0) this.preformatted(data);
    else this.inline(data);
  }

  private element(element: Element, isRoot: boolean): void {
    const tag = element.tagName.toUpperCase();
    if (this.isHidden(element)) return;
    if (tag === 'BR') return this.hardBreak();
    if (tag === 'IMG') {
      // Only an image-only link needs its picture's words: the link would be empty without them.
      const alt = (element.getAttribute('alt') ?? '').trim();
      const capture = this.captures[this.captures.length - 1];
      if (this.linkDepth > 0 && alt) this.inline(capture?.text ? ` ${alt}` : alt);
      return;
    }
    if (tag === 'A' && element.hasAttribute('href') && this.linkDepth === 0) return this.link(element);
    if (this.captures.length > 0 && isBlock(tag)) {
      // Inside link text or a table cell everything stays on one line.
      this.inline(' ');
      this.children(element);
      this.inline(' ');
      return;
    }
    if (/^H[1-6]$/.test(tag)) return this.heading(element, Number(tag[1]));
    switch (tag) {
      case 'UL':
      case 'OL':
      case 'MENU':
        return this.list(element);
      case 'LI':
        // A root `<li>` is a selection inside one item: its text, not a one-item list.
        return isRoot ? this.block(element, false) : this.listItem(element, '- ');
      case 'BLOCKQUOTE':
        return this.framed(element, '> ', '> ', true);
      case 'DD':
        return this.framed(element, ': ', '  ', false);
      case 'DL':
        return this.block(element, true);
      case 'PRE':
      case 'LISTING':
      case 'XMP':
        return this.codeBlock(element);
      case 'HR':
        this.boundary(true);
        this.emit('---');
        this.boundary(true);
        return;
      case 'TABLE':
      case 'TBODY':
      case 'THEAD':
      case 'TFOOT':
      case 'TR':
        return this.table(element);
      case 'TD':
      case 'TH':
        return this.block(element, false);
    }
    if (PARAGRAPH_BLOCKS.has(tag)) return this.block(element, true);
    if (LINE_BLOCKS.has(tag)) return this.block(element, false);
    if (this.isPreStyled(element)) {
      this.preDepth++;
      this.children(element);
      this.preDepth--;
      return;
    }
    this.children(element);
  }

  private isHidden(element: Element): boolean {
    return isHidden(element, this.options.isHidden);
  }

  private isPreStyled(element: Element): boolean {
    return /white-space\s*:\s*(pre|pre-wrap|break-spaces)\b/i.test(element.getAttribute('style') ?? '');
  }

  private block(element: Element, paragraph: boolean): void {
    this.boundary(paragraph);
    this.children(element);
    this.boundary(paragraph);
  }

  private framed(element: Element, first: string, rest: string, paragraph: boolean): void {
    this.boundary(paragraph);
    this.frames.push({ first, rest, started: false });
    this.children(element);
    this.boundary(paragraph);
    this.frames.pop();
  }

  private heading(element: Element, level: number): void {
    this.boundary(true);
    const marker = `${'#'.repeat(level)} `;
    this.line = marker;
    this.headingDepth++;
    this.children(element);
    this.headingDepth--;
    if (this.line.trim() === marker.trim()) this.line = '';
    this.boundary(true);
  }

  private list(element: Element): void {
    const nested = this.listDepth > 0;
    this.boundary(!nested);
    this.listDepth++;
    const ordered = element.tagName.toUpperCase() === 'OL';
    // Numbers come from the DOM, not from what was selected: items 3–4 of a list stay 3. and 4.
    const start = Number.parseInt(element.getAttribute('start') ?? '', 10);
    let number = Number.isFinite(start) ? start : 1;
    let marker = '- ';
    for (let child = element.firstChild; child && !this.full; child = child.nextSibling) {
      if (child.nodeType === ELEMENT_NODE && (child as Element).tagName.toUpperCase() === 'LI') {
        const item = child as Element;
        const value = Number.parseInt(item.getAttribute('value') ?? '', 10);
        if (ordered && Number.isFinite(value)) number = value;
        const inRange = !this.clip || this.clip.range.intersectsNode(item);
        marker = ordered ? `${number}. ` : '- ';
        if (inRange && !this.isHidden(item)) this.listItem(item, marker);
        number++;
      } else if (child.nodeType === ELEMENT_NODE && ['UL', 'OL'].includes((child as Element).tagName.toUpperCase())) {
        // `<ul><li>a</li><ul>…</ul></ul>` (old markup) nests under the previous item.
        const indent = ' '.repeat(marker.length);
        this.frames.push({ first: indent, rest: indent, started: true });
        this.node(child);
        this.frames.pop();
      } else {
        this.node(child);
      }
    }
    this.listDepth--;
    this.boundary(!nested);
  }

  private listItem(element: Element, marker: string): void {
    this.boundary(false);
    this.frames.push({ first: marker, rest: ' '.repeat(marker.length), started: false });
    this.children(element);
    this.boundary(false);
    this.frames.pop();
  }

  private codeBlock(element: Element): void {
    this.boundary(true);
    const before = this.output.length;
    const language =
      /\blanguage-([\w+#-]+)/.exec(
        `${element.getAttribute('class') ?? ''} ${element.firstElementChild?.getAttribute('class') ?? ''}`,
      )?.[1] ?? '';
    this.emit('```' + language);
    const fenceIndex = this.output.length - 1;
    this.preDepth++;
    this.children(element);
    this.preDepth--;
    this.flushLine(true);
    // Empty lines around the code (the newline before `</pre>`) are not part of it.
    while (this.output.length > fenceIndex + 1 && this.output[fenceIndex + 1] === this.blankPrefix()) this.dropLine(fenceIndex + 1);
    while (this.output.length > fenceIndex + 1 && this.output[this.output.length - 1] === this.blankPrefix()) this.dropLastLine();
    if (this.output.length === fenceIndex + 1) {
      while (this.output.length > before) this.dropLastLine();
      if (this.output.length > 0) this.pendingBlank = true;
      return;
    }
    const body = this.output.slice(fenceIndex + 1);
    const longestRun = Math.max(0, ...body.map((line) => Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length))));
    const fence = '`'.repeat(Math.max(3, longestRun + 1));
    this.output[fenceIndex] = this.output[fenceIndex].replace('```', fence);
    this.emit(fence);
    this.boundary(true);
  }

  private dropLastLine(): void {
    this.dropLine(this.output.length - 1);
  }

  private dropLine(index: number): void {
    const [line] = this.output.splice(index, 1);
    this.outputLength -= (line ?? '').length + 1;
  }

  private table(element: Element): void {
    this.boundary(true);
    const rows = collectRows(element, {
      hasRoom: (collectedChars) => !this.full && this.outputLength + collectedChars <= this.budget + 64,
      isSelected: (node) => !this.clip || this.clip.range.intersectsNode(node),
      isHidden: (child) => this.isHidden(child),
      inlineText: (child) => this.capture(() => this.children(child)).text,
      caption: (text) => {
        this.emit(text);
        this.pendingBlank = true; // a table right under a text line would not read as a table
      },
    });
    for (const line of tableLines(element, rows)) this.emit(line);
    this.boundary(true);
  }

  private link(element: Element): void {
    const href = (element.getAttribute('href') ?? '').trim();
    this.linkDepth++;
    const capture = this.capture(() => this.children(element));
    this.linkDepth--;
    const text = capture.text;
    const url = this.resolveLink(href);
    let rendered: string;
    // A heading's permalink (`¶`, `#`, `🔗` pointing at `#id`) is decoration, not text.
    if (href.startsWith('#') && /^[^\p{L}\p{N}]{1,2}$/u.test(text)) rendered = '';
    else if (!url) rendered = text;
    else if (!text || text === url || url.endsWith(`//${text}`) || url.endsWith(`//${text}/`)) rendered = url;
    else rendered = `[${text.replace(/([[\]\\])/g, '\\$1')}](${url.replace(/\(/g, '%28').replace(/\)/g, '%29')})`;
    // Spaces inside the link's edges (`<a> docs </a>`) belong around it.
    if (capture.leadingSpace) this.inline(' ');
    this.inline(rendered, false);
    if (capture.pendingSpace) this.inline(' ');
  }

  /** An absolute URL worth keeping, or null: script links, data URLs and in-page anchors (footnotes, tables of contents) keep only their text. */
  private resolveLink(href: string): string | null {
    if (!href || href.startsWith('#')) return null;
    let url: URL;
    try {
      url = new URL(href, this.options.baseUrl);
    } catch {
      return null;
    }
    return SAFE_LINK_PROTOCOLS.has(url.protocol) ? url.href : null;
  }

  /** Runs `walk` with inline output collected apart (link text, a table cell). */
  private capture(walk: () => void): Capture {
    this.captures.push({ text: '', pendingSpace: false, leadingSpace: false });
    walk();
    return this.captures.pop() as Capture;
  }

  /** Appends inline text, collapsing whitespace like a browser (`collapse` false for ready-made text such as a link). */
  private inline(raw: string, collapse = true): void {
    if (this.full) return;
    const text = collapse ? raw.replace(/[ \t\n\r\f]+/g, ' ') : raw;
    if (text === '') return;
    const target = this.captures[this.captures.length - 1];
    const current = target ? target.text : this.line;
    const atStart = target ? current === '' : current === '' || current.endsWith(' ');
    const startsWithSpace = collapse && text.startsWith(' ');
    const endsWithSpace = collapse && text.endsWith(' ');
    const words = collapse ? text.trim() : text;
    let pending = (target ? target.pendingSpace : this.pendingSpace) || startsWithSpace;
    if (target && target.text === '' && startsWithSpace) target.leadingSpace = true;
    if (words === '') {
      if (target) target.pendingSpace = target.text !== '' && pending;
      else this.pendingSpace = !atStart && pending;
      return;
    }
    if (pending && !atStart) {
      if (target) target.text += ' ';
      else this.line += ' ';
    }
    pending = endsWithSpace;
    if (target) {
      target.text += words;
      target.pendingSpace = pending;
    } else {
      this.line += words;
      this.pendingSpace = pending;
      this.blankInParagraph = false;
      if (this.outputLength + this.line.length > this.budget + 64) this.full = true;
    }
  }

  private preformatted(data: string): void {
    const lines = data.replace(/\r\n?/g, '\n').split('\n');
    lines.forEach((text, index) => {
      if (index > 0) this.flushLine(true);
      this.line += text.replace(/\t/g, '    ');
    });
    if (this.outputLength + this.line.length > this.budget + 64) this.full = true;
  }

  private hardBreak(): void {
    if (this.captures.length > 0 || this.headingDepth > 0) return this.inline(' ');
    if (this.preDepth > 0) return this.flushLine(true);
    if (this.line.trim() === '') {
      // `<br><br>` leaves one empty line, as on screen; leading breaks leave none.
      if (this.output.length > 0 && !this.blankInParagraph && !this.pendingBlank) {
        this.emitRaw(this.blankPrefix());
        this.blankInParagraph = true;
      }
      this.line = '';
      return;
    }
    this.flushLine(false);
  }

  /** Ends the current paragraph; `blank` asks for an empty line before the next text. */
  private boundary(blank: boolean): void {
    this.flushLine(false);
    this.blankInParagraph = false;
    if (blank && this.output.length > 0) this.pendingBlank = true;
  }

  private flushLine(keepEmpty: boolean): void {
    const content = keepEmpty ? this.line.replace(/\s+$/, '') : this.line.trim();
    this.line = '';
    this.pendingSpace = false;
    if (content !== '' || keepEmpty) this.emit(content);
  }

  private emit(content: string): void {
    if (this.pendingBlank) {
      this.emitRaw(this.blankPrefix());
      this.pendingBlank = false;
    }
    let prefix = '';
    for (const frame of this.frames) {
      prefix += frame.started ? frame.rest : frame.first;
      frame.started = true;
    }
    this.emitRaw(content === '' ? prefix.trimEnd() : prefix + content);
  }

  private emitRaw(line: string): void {
    this.output.push(line);
    this.outputLength += line.length + 1;
    if (this.outputLength > this.budget + 64) this.full = true;
  }

  /** The prefix of an empty line: only the frames that already printed a line (an unstarted item begins after it). */
  private blankPrefix(): string {
    return this.frames
      .filter((frame) => frame.started)
      .map((frame) => frame.rest)
      .join('')
      .trimEnd();
  }
}

function isBlock(tag: string): boolean {
  return (
    PARAGRAPH_BLOCKS.has(tag) ||
    LINE_BLOCKS.has(tag) ||
    /^H[1-6]$/.test(tag) ||
    ['UL', 'OL', 'LI', 'BLOCKQUOTE', 'DL', 'DD', 'PRE', 'HR', 'TABLE', 'TR', 'TD', 'TH', 'TBODY', 'THEAD', 'TFOOT'].includes(tag)
  );
}

function isRange(part: SelectionPart): part is Range {
  return typeof (part as Range).cloneContents === 'function' && typeof (part as Range).commonAncestorContainer === 'object';
}
