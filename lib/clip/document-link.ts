/**
 * Recognises links to documents (office files, PDFs, cloud documents) by URL shape alone,
 * so a right-clicked link can become a `document` source without fetching anything.
 * Pure: runs in the background, in the page and in Node tests.
 */
import type { DocumentType, SourceType } from '../model';

/** File extensions (lower case) that name a document, and the type they stand for. */
const EXTENSIONS: Readonly<Record<string, DocumentType>> = {
  pdf: 'pdf',
  doc: 'doc',
  dot: 'doc',
  docx: 'docx',
  docm: 'docx',
  dotx: 'docx',
  xls: 'xls',
  xlt: 'xls',
  xlsx: 'xlsx',
  xlsm: 'xlsx',
  xlsb: 'xlsx',
  xltx: 'xlsx',
  ppt: 'ppt',
  pps: 'ppt',
  pot: 'ppt',
  pptx: 'pptx',
  pptm: 'pptx',
  ppsx: 'pptx',
  potx: 'pptx',
  odt: 'odt',
  ott: 'odt',
  ods: 'ods',
  ots: 'ods',
  odp: 'odp',
  otp: 'odp',
  rtf: 'rtf',
  csv: 'csv',
  txt: 'txt',
};

/**
 * Query parameters whose value names the delivered file (`download.php?file=report.pdf`,
 * pdf.js `viewer.html?file=`, Office Online `view.aspx?src=`, Google's `viewer?url=`).
 * A search box's `q=` is deliberately absent: `?q=report.pdf` is a search, not a file.
 */
const FILE_PARAMS = ['file', 'filename', 'fn', 'name', 'path', 'src', 'url', 'doc', 'document', 'attachment', 'download', 'sourcedoc'];

/** Query parameters that choose the delivered format (`?format=pdf`, `?output=csv`, `export?format=docx`). */
const FORMAT_PARAMS = ['format', 'output', 'export', 'exportformat', 'filetype', 'outputformat'];

/** Last path segments that mean "deliver the file named by the previous segment" (Plone, many CMSs). */
const DOWNLOAD_SEGMENTS = new Set(['download', '@@download', 'at_download']);

/** SharePoint / OneDrive sharing-link shapes (`/:w:/r/...`, `1drv.ms/w/...`) and what they contain. */
const SHARE_SHAPES: Readonly<Record<string, DocumentType | 'folder' | 'file'>> = {
  w: 'docx',
  x: 'xlsx',
  p: 'pptx',
  b: 'pdf',
  t: 'txt',
  f: 'folder',
  u: 'file',
  o: 'file', // OneNote
  i: 'file', // image
  v: 'file', // video
};

/** OneDrive's `app=` parameter names the Office app that opens the file. */
const ONEDRIVE_APPS: Readonly<Record<string, DocumentType>> = {
  word: 'docx',
  excel: 'xlsx',
  powerpoint: 'pptx',
  wordpdf: 'pdf',
};

/** Recognises a link to a document by its URL shape; `null` for anything that is not clearly one. */
export function detectDocument(url: string): DocumentType | null {
  const parsed = parseUrl(url);
  if (!parsed) return null;
  return detectParsed(parsed, 0);
}

/** How a clicked link is stored: as a `document` with its type when recognised, else as a plain `link`. */
export function classifyLink(
  url: string,
): { type: Extract<SourceType, 'document'>; documentType: DocumentType } | { type: Extract<SourceType, 'link'> } {
  const documentType = detectDocument(url);
  return documentType ? { type: 'document', documentType } : { type: 'link' };
}

/** The decoded name of the document file a URL delivers (`Annual Report.pdf`), or null when it names none. */
export function fileNameFromUrl(url: string): string | null {
  const parsed = parseUrl(url);
  if (!parsed) return null;
  const segments = pathSegments(parsed.pathname);
  const params = lowerCaseParams(parsed.searchParams);
  const candidates = [
    lastSegment(segments),
    ...segments.filter((_, index) => DOWNLOAD_SEGMENTS.has((segments[index + 1] ?? '').toLowerCase())),
    ...FILE_PARAMS.map((key) => lastSegment(pathSegments((params.get(key) ?? '').split(/[?#]/)[0]))),
    params.get('preview') ?? '',
  ];
  const name = candidates.find((candidate) => byExtension(candidate) !== null);
  return name ? name.split(';')[0].trim() : null;
}

/** A title for an address that has none: host and path (`example.com/impressum`), or the text as given. */
export function titleFromUrl(url: string): string {
  const parsed = parseUrl(url);
  if (!parsed?.hostname) return url.trim();
  const path = safeDecode(parsed.pathname).replace(/\/+$/, '');
  return `${parsed.hostname.replace(/^www\./, '')}${path}`;
}

function parseUrl(url: string): URL | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  return ['http:', 'https:', 'file:', 'ftp:'].includes(parsed.protocol) ? parsed : null;
}

function detectParsed(url: URL, depth: number): DocumentType | null {
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  const segments = pathSegments(url.pathname);
  const params = lowerCaseParams(url.searchParams);

  if (host === 'docs.google.com') return googleDocs(segments, params, depth);
  if (host === 'drive.google.com' || host === 'drive.usercontent.google.com') return googleDrive(segments, params);
  if (host === 'onedrive.live.com' || host === '1drv.ms') return oneDrive(host, segments, params, depth);
  if (host.endsWith('.sharepoint.com')) return sharePoint(segments, params, depth);
  if (host === 'dropbox.com' || host.endsWith('.dropbox.com') || host.endsWith('.dropboxusercontent.com')) {
    return dropbox(host, segments, params);
  }
  return knownPdfShape(host, segments) ?? byFileName(segments, params, depth) ?? byFormatParam(params);
}

/** docs.google.com/{document,spreadsheets,presentation}/[u/N/]d/ID/..., with export and publish variants. */
function googleDocs(segments: string[], params: Map<string, string>, depth: number): DocumentType | null {
  const rest = stripAccountPrefix(segments);
  const [app, marker] = rest;
  // The Google viewer wraps another file: `docs.google.com/viewer?url=https://.../x.pdf`.
  if (app === 'viewer' || app === 'gview') return byFileParam(params, depth);
  if (app === 'file' && marker === 'd') return 'gdrive';
  if (app === 'spreadsheet' && params.has('key')) return 'gsheet'; // the pre-2014 `spreadsheet/ccc?key=` shape
  const native: Record<string, DocumentType> = { document: 'gdoc', spreadsheets: 'gsheet', presentation: 'gslide', drawings: 'gdrive' };
  const type = native[app];
  // Without `/d/ID` the path is an app's home page (`/document/u/0/`), a list, not a document.
  if (!type || marker !== 'd' || rest.length < 3) return null;
  // An export link (`/export?format=pdf`, `/export/pptx`, `/pub?output=csv`) delivers that file, not the live document.
  const exportSegment = rest.indexOf('export');
  const exported = exportSegment >= 0 ? EXTENSIONS[rest[exportSegment + 1] ?? ''] : undefined;
  return exported ?? byFormatParam(params) ?? type;
}

/** drive.google.com/file/d/ID, /open?id=ID, /uc?id=ID; folders are not documents. */
function googleDrive(segments: string[], params: Map<string, string>): DocumentType | null {
  const rest = stripAccountPrefix(segments);
  if (rest[0] === 'file' && rest[1] === 'd' && rest[2]) return 'gdrive';
  if ((rest[0] === 'open' || rest[0] === 'uc' || rest[0] === 'download') && params.get('id')) return 'gdrive';
  return null;
}

/** onedrive.live.com and its 1drv.ms short links. */
function oneDrive(host: string, segments: string[], params: Map<string, string>, depth: number): DocumentType | null {
  if (host === '1drv.ms') {
    const shape = SHARE_SHAPES[segments[0] ?? ''];
    if (shape === 'folder' || segments.length === 0) return null;
    // Old short links (`1drv.ms/1AbC`) carry no shape; they are still a shared OneDrive item.
    return !shape || shape === 'file' ? 'onedrive' : shape;
  }
  const shaped = sharingShape(segments, params, depth, 'onedrive');
  if (shaped !== undefined) return shaped;
  const named = byFileName(segments, params, depth);
  if (named) return named;
  const app = ONEDRIVE_APPS[(params.get('app') ?? '').toLowerCase()];
  if (app) return app;
  const id = params.get('resid') ?? params.get('id') ?? params.get('redeem');
  const page = (segments[segments.length - 1] ?? '').toLowerCase();
  const filePage = ['redir', 'edit.aspx', 'view.aspx', 'embed', 'download', 'download.aspx', 'doc.aspx'].includes(page);
  if (filePage && (id || params.has('authkey'))) return 'onedrive';
  // The web app puts the open item in `id`; `id=root` and a bare `/` are the file list.
  if (segments.length === 0 && id && id.toLowerCase() !== 'root') return 'onedrive';
  return null;
}

/** *.sharepoint.com sharing links (`/:w:/r/...`), Office for the web pages and plain library paths. */
function sharePoint(segments: string[], params: Map<string, string>, depth: number): DocumentType | null {
  const shaped = sharingShape(segments, params, depth, 'sharepoint');
  if (shaped !== undefined) return shaped;
  // A library view previews a file through `AllItems.aspx?id=/sites/x/Shared Documents/Report.pdf`.
  const named = byFileName(segments, params, depth) ?? byExtension(lastSegment(params.get('id') ?? ''));
  if (named) return named;
  const page = (segments[segments.length - 1] ?? '').toLowerCase();
  if (!segments.includes('_layouts')) return null; // site pages, lists and libraries are not documents
  // Office for the web opens a library file through these pages; `sourcedoc` is then a GUID.
  const viewers: Record<string, DocumentType> = {
    'doc.aspx': 'sharepoint',
    'doc2.aspx': 'sharepoint',
    'wopiframe.aspx': 'sharepoint',
    'wopiframe2.aspx': 'sharepoint',
    'xlviewer.aspx': 'xlsx',
    'powerpoint.aspx': 'pptx',
    'wordviewer.aspx': 'docx',
  };
  return viewers[page] ?? null;
}

/**
 * The `/:w:/r/...` sharing-link shape used by SharePoint and OneDrive: the file's own
 * extension (the `/r/` form carries the real path) beats the shape's guess, so `.doc` stays `doc`.
 * `undefined` when the path has no shape, `null` for a folder.
 */
function sharingShape(
  segments: string[],
  params: Map<string, string>,
  depth: number,
  fallback: DocumentType,
): DocumentType | null | undefined {
  const match = /^:([a-z]):$/i.exec(segments[0] ?? '');
  if (!match) return undefined;
  const shape = SHARE_SHAPES[match[1].toLowerCase()];
  if (shape === 'folder') return null;
  const named = byFileName(segments, params, depth);
  if (named) return named;
  return !shape || shape === 'file' ? fallback : shape;
}

/** dropbox.com/s/…, /scl/fi/…, dl.dropboxusercontent.com; the file's own extension wins when present. */
function dropbox(host: string, segments: string[], params: Map<string, string>): DocumentType | null {
  const named = byExtension(lastSegment(segments)) ?? byExtension(params.get('preview') ?? '');
  const first = segments[0] ?? '';
  if (host === 'paper.dropbox.com') return first === 'doc' ? 'dropbox' : null;
  if (host.endsWith('dropboxusercontent.com')) return named ?? (segments.length > 1 ? 'dropbox' : null);
  const isFile =
    (first === 's' && segments.length >= 2) ||
    (first === 'scl' && segments[1] === 'fi' && segments.length >= 3) ||
    (first === 'paper' && segments[1] === 'doc') ||
    first === 'preview' ||
    (first === 'home' && params.has('preview'));
  if (!isFile) return null; // `/sh/`, `/scl/fo/` are folders; the rest is Dropbox's own site
  return named ?? 'dropbox';
}

/**
 * PDF links that carry no extension but whose shape is unambiguous: arXiv `/pdf/ID`,
 * the `/doi/pdf/10.…` paths of Atypon-hosted publishers (ACM, Wiley, Taylor & Francis, SAGE),
 * OpenReview `/pdf?id=`.
 */
function knownPdfShape(host: string, segments: string[]): DocumentType | null {
  if (host === 'arxiv.org' && segments[0] === 'pdf' && segments.length >= 2) return 'pdf';
  if (host === 'openreview.net' && segments[0] === 'pdf') return 'pdf';
  const doi = segments.indexOf('doi');
  if (doi >= 0 && ['pdf', 'pdfdirect'].includes(segments[doi + 1] ?? '') && (segments[doi + 2] ?? '').startsWith('10.')) return 'pdf';
  return null;
}

/** The file named by the path (`/a/report.pdf`, `/report.pdf/download`) or by a file parameter. */
function byFileName(segments: string[], params: Map<string, string>, depth: number): DocumentType | null {
  const last = lastSegment(segments);
  // MediaWiki's `/wiki/File:Report.pdf` is an HTML page about the file, not the file.
  if (segments.includes('wiki') && /^[^.:]+:/.test(last)) return null;
  const direct = byExtension(last);
  if (direct) return direct;
  // `/report.pdf/download`, Plone's `/report.pdf/@@download/file`: the segment before names the file.
  for (let index = 1; index < segments.length; index++) {
    if (DOWNLOAD_SEGMENTS.has(segments[index].toLowerCase())) {
      const previous = byExtension(segments[index - 1]);
      if (previous) return previous;
    }
  }
  return byFileParam(params, depth);
}

/** A file parameter's value: a bare name (`report.pdf`) or a nested URL, which is detected in full. */
function byFileParam(params: Map<string, string>, depth: number): DocumentType | null {
  for (const key of FILE_PARAMS) {
    const value = params.get(key);
    if (!value) continue;
    const nested = depth < 2 && /^https?:\/\//i.test(value) ? parseUrl(value) : null;
    const type = nested ? detectParsed(nested, depth + 1) : byExtension(lastSegment(pathSegments(value.split(/[?#]/)[0])));
    if (type) return type;
  }
  return null;
}

function byFormatParam(params: Map<string, string>): DocumentType | null {
  for (const key of FORMAT_PARAMS) {
    const value = params.get(key);
    if (value) {
      const type = EXTENSIONS[value.toLowerCase().replace(/^\./, '')];
      if (type) return type;
    }
  }
  return null;
}

function byExtension(fileName: string): DocumentType | null {
  // `;jsessionid=…` matrix parameters and stray spaces are not part of the name.
  const name = fileName.split(';')[0].trim().toLowerCase();
  const match = /[^./]\.([a-z0-9]{2,5})$/.exec(name);
  return match ? (EXTENSIONS[match[1]] ?? null) : null;
}

/** Path segments, percent-decoded where possible (`Report%2Epdf` is `Report.pdf`), without empty ones. */
function pathSegments(pathname: string): string[] {
  return pathname
    .split('/')
    .filter((segment) => segment.length > 0)
    .map(safeDecode);
}

function lastSegment(segmentsOrPath: string[] | string): string {
  const segments = typeof segmentsOrPath === 'string' ? pathSegments(segmentsOrPath) : segmentsOrPath;
  return segments[segments.length - 1] ?? '';
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Query parameters with lower-cased keys; the first value of a repeated key wins. */
function lowerCaseParams(search: URLSearchParams): Map<string, string> {
  const params = new Map<string, string>();
  for (const [key, value] of search) {
    const lower = key.toLowerCase();
    if (!params.has(lower)) params.set(lower, value);
  }
  return params;
}

/** Google puts the signed-in account (`/u/1/`) or a Workspace domain (`/a/example.com/`) before the app path. */
function stripAccountPrefix(segments: string[]): string[] {
  let rest = segments;
  if (rest[0] === 'a' && rest.length > 2) rest = rest.slice(2);
  const [first, second, third] = rest;
  if (second === 'u' && /^\d+$/.test(third ?? '')) return [first, ...rest.slice(3)];
  if (first === 'u' && /^\d+$/.test(second ?? '')) return rest.slice(2);
  return rest;
}
