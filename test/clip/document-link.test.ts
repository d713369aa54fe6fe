import { describe, expect, it } from 'vitest';
import { classifyLink, detectDocument, fileNameFromUrl } from '../../lib/clip/document-link';
import type { DocumentType } from '../../lib/model';

/** [url, expected type]: real-world shapes seen in mail, chats and intranets. */
const CASES: Array<[string, DocumentType | null]> = [
  // Plain files by extension, with the usual decorations.
  ['https://example.com/report.pdf', 'pdf'],
  ['https://example.com/files/Annual%20Report%202024.pdf', 'pdf'],
  ['https://example.com/REPORT.PDF', 'pdf'],
  ['https://example.com/report.pdf?version=2&utm_source=mail', 'pdf'],
  ['https://example.com/report.pdf#page=3', 'pdf'],
  ['https://example.com/report%2Epdf', 'pdf'],
  ['https://example.com/docs/Gesch%C3%A4ftsbericht_2023.pdf', 'pdf'],
  ['https://example.com/servlet/report.pdf;jsessionid=0A1B2C3D', 'pdf'],
  ['https://www.bundesfinanzministerium.de/Content/DE/Downloads/BMF_Schreiben/2024/01/merkblatt.pdf?__blob=publicationFile&v=3', 'pdf'],
  ['http://www.ietf.org/rfc/rfc2616.txt', 'txt'],
  ['https://example.com/contract.doc', 'doc'],
  ['https://example.com/contract.docx', 'docx'],
  ['https://example.com/template.dotx', 'docx'],
  ['https://example.com/macro.docm', 'docx'],
  ['https://example.com/budget.xls', 'xls'],
  ['https://example.com/budget.xlsx', 'xlsx'],
  ['https://example.com/budget.xlsm', 'xlsx'],
  ['https://example.com/pitch.ppt', 'ppt'],
  ['https://example.com/pitch.pptx', 'pptx'],
  ['https://example.com/pitch.ppsx', 'pptx'],
  ['https://example.com/letter.odt', 'odt'],
  ['https://example.com/sheet.ods', 'ods'],
  ['https://example.com/slides.odp', 'odp'],
  ['https://example.com/notes.rtf', 'rtf'],
  ['https://example.com/export/contacts.csv', 'csv'],
  ['file:///C:/Users/anna/Documents/Vertrag.docx', 'docx'],
  ['https://raw.githubusercontent.com/owner/repo/main/docs/spec.pdf', 'pdf'],
  ['https://github.com/owner/repo/blob/main/docs/spec.pdf', 'pdf'],
  ['https://link.springer.com/content/pdf/10.1007/978-3-030-12345-6.pdf', 'pdf'],
  ['https://s3.eu-central-1.amazonaws.com/bucket/uploads/invoice-123.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=abc', 'pdf'],

  // Download endpoints and format parameters.
  ['https://example.com/download.php?file=report.pdf', 'pdf'],
  ['https://example.com/getfile?filename=Kalkulation.xlsx&id=7', 'xlsx'],
  ['https://example.com/report.pdf/download', 'pdf'],
  ['https://www.example.org/publications/leitfaden.pdf/@@download/file', 'pdf'],
  ['https://www.example.org/publications/leitfaden.pdf/at_download/file', 'pdf'],
  ['https://example.com/reports/2024?format=pdf', 'pdf'],
  ['https://example.com/table?output=csv', 'csv'],
  ['https://example.com/pdfjs/web/viewer.html?file=%2Fdocs%2Fmanual.pdf', 'pdf'],
  ['https://view.officeapps.live.com/op/view.aspx?src=https%3A%2F%2Fexample.com%2Ffiles%2Fplan.docx', 'docx'],
  ['https://arxiv.org/pdf/2301.00001', 'pdf'],
  ['https://arxiv.org/pdf/2301.00001v2', 'pdf'],
  ['https://dl.acm.org/doi/pdf/10.1145/3290605.3300000', 'pdf'],
  ['https://onlinelibrary.wiley.com/doi/pdfdirect/10.1002/asi.24750', 'pdf'],
  ['https://openreview.net/pdf?id=abcDEF123', 'pdf'],

  // Google Docs, Sheets, Slides.
  ['https://docs.google.com/document/d/1aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789abcdEF/edit', 'gdoc'],
  ['https://docs.google.com/document/d/1aBcDeF/edit?usp=sharing#heading=h.abc123', 'gdoc'],
  ['https://docs.google.com/document/u/0/d/1aBcDeF/edit', 'gdoc'],
  ['https://docs.google.com/document/d/e/2PACX-1vQabc/pub', 'gdoc'],
  ['https://docs.google.com/a/example.com/document/d/1aBcDeF/edit', 'gdoc'],
  ['https://docs.google.com/spreadsheets/d/1xYz/edit#gid=0', 'gsheet'],
  ['https://docs.google.com/spreadsheets/u/1/d/1xYz/edit?usp=drive_link', 'gsheet'],
  ['https://docs.google.com/spreadsheet/ccc?key=0AabcXYZ&usp=sharing', 'gsheet'],
  ['https://docs.google.com/presentation/d/1pQr/edit#slide=id.p', 'gslide'],
  ['https://docs.google.com/presentation/d/1pQr/present', 'gslide'],
  ['https://docs.google.com/document/d/1aBcDeF/export?format=pdf', 'pdf'],
  ['https://docs.google.com/document/d/1aBcDeF/export?format=docx', 'docx'],
  ['https://docs.google.com/spreadsheets/d/1xYz/export?format=xlsx&gid=0', 'xlsx'],
  ['https://docs.google.com/spreadsheets/d/e/2PACX-1vR/pub?output=csv', 'csv'],
  ['https://docs.google.com/presentation/d/1pQr/export/pptx', 'pptx'],
  ['https://docs.google.com/file/d/0B7abc/edit', 'gdrive'],
  ['https://docs.google.com/viewer?url=https%3A%2F%2Fexample.com%2Fbrochure.pdf&embedded=true', 'pdf'],

  // Google Drive.
  ['https://drive.google.com/file/d/1AbCdEfGh/view?usp=sharing', 'gdrive'],
  ['https://drive.google.com/file/d/1AbCdEfGh/view?usp=drive_link&resourcekey=0-xyz', 'gdrive'],
  ['https://drive.google.com/file/u/0/d/1AbCdEfGh/view', 'gdrive'],
  ['https://drive.google.com/open?id=1AbCdEfGh', 'gdrive'],
  ['https://drive.google.com/uc?export=download&id=1AbCdEfGh', 'gdrive'],
  ['https://drive.usercontent.google.com/download?id=1AbCdEfGh&export=download', 'gdrive'],

  // OneDrive.
  ['https://1drv.ms/w/s!AkXYZabc123?e=AbCd', 'docx'],
  ['https://1drv.ms/x/s!AkXYZabc123', 'xlsx'],
  ['https://1drv.ms/p/s!AkXYZabc123', 'pptx'],
  ['https://1drv.ms/b/s!AkXYZabc123', 'pdf'],
  ['https://1drv.ms/u/s!AkXYZabc123?e=q1', 'onedrive'],
  ['https://1drv.ms/w/c/a1b2c3d4e5f6/EQabc?e=xyz', 'docx'],
  ['https://onedrive.live.com/redir?resid=ABCDEF%21123&authkey=%21AbC', 'onedrive'],
  ['https://onedrive.live.com/edit.aspx?resid=ABCDEF!123&cid=abcdef&app=Excel', 'xlsx'],
  ['https://onedrive.live.com/view.aspx?resid=ABCDEF!124&app=WordPdf', 'pdf'],
  ['https://onedrive.live.com/embed?cid=ABCDEF&resid=ABCDEF%21125&authkey=%21Xy&em=2', 'onedrive'],
  ['https://onedrive.live.com/?cid=abcdef&id=ABCDEF%21126&parId=root', 'onedrive'],
  ['https://onedrive.live.com/personal/abcdef/_layouts/15/Doc.aspx?resid=ABCDEF!127&cid=abcdef', 'onedrive'],
  ['https://d.docs.live.net/abcdef/Dokumente/Angebot.docx', 'docx'],

  // SharePoint and OneDrive for Business.
  ['https://contoso.sharepoint.com/:w:/r/sites/Legal/Shared%20Documents/Vertrag.docx?d=w0123abc&csf=1&web=1&e=AbC', 'docx'],
  ['https://contoso.sharepoint.com/:w:/r/sites/Legal/Shared%20Documents/Alt.doc?d=w0123abc', 'doc'],
  ['https://contoso.sharepoint.com/:w:/s/Legal/EaBcDeFgHiJ?e=xYz', 'docx'],
  ['https://contoso-my.sharepoint.com/:x:/g/personal/anna_contoso_com/EXyZ123?e=abc', 'xlsx'],
  ['https://contoso.sharepoint.com/:p:/s/Sales/EPqR?e=1', 'pptx'],
  ['https://contoso.sharepoint.com/:b:/s/Legal/EBcD?e=2', 'pdf'],
  ['https://contoso.sharepoint.com/:u:/s/Legal/EFgH?e=3', 'sharepoint'],
  [
    'https://contoso.sharepoint.com/:w:/r/sites/Legal/_layouts/15/Doc.aspx?sourcedoc=%7BA1B2C3D4%7D&file=Schriftsatz.docx&action=default&mobileredirect=true',
    'docx',
  ],
  ['https://contoso.sharepoint.com/sites/Legal/_layouts/15/Doc.aspx?sourcedoc=%7BA1B2C3D4%7D&action=edit', 'sharepoint'],
  ['https://contoso.sharepoint.com/sites/Finance/_layouts/15/xlviewer.aspx?id=%7BGUID%7D', 'xlsx'],
  [
    'https://contoso.sharepoint.com/sites/Legal/Shared%20Documents/Forms/AllItems.aspx?id=%2Fsites%2FLegal%2FShared%20Documents%2FGutachten.pdf&parent=%2Fsites%2FLegal',
    'pdf',
  ],
  ['https://contoso.sharepoint.com/sites/Legal/Shared%20Documents/Protokoll.pptx', 'pptx'],
  ['https://contoso-my.sharepoint.com/personal/anna_contoso_com/Documents/Budget.xlsx?web=1', 'xlsx'],

  // Dropbox.
  ['https://www.dropbox.com/s/abc123xyz/Proposal.pdf?dl=0', 'pdf'],
  ['https://www.dropbox.com/s/abc123xyz/Proposal.docx?dl=1', 'docx'],
  ['https://www.dropbox.com/scl/fi/abc123xyz/Budget%202024.xlsx?rlkey=qwe&dl=0', 'xlsx'],
  ['https://www.dropbox.com/scl/fi/abc123xyz/holiday.jpg?rlkey=qwe&dl=0', 'dropbox'],
  ['https://dl.dropboxusercontent.com/s/abc123xyz/Proposal.pdf', 'pdf'],
  ['https://uc1a2b3c.dl.dropboxusercontent.com/cd/0/get/ABC/file', 'dropbox'],
  ['https://www.dropbox.com/home/Clients/Acme?preview=Offer.pptx', 'pptx'],
  ['https://paper.dropbox.com/doc/Meeting-notes--AbC123', 'dropbox'],

  // Not documents: pages about documents, folders, apps' home pages, other files.
  ['https://example.com/pdf-guide.html', null],
  ['https://example.com/how-to-convert-docx', null],
  ['https://example.com/pdf/', null],
  ['https://example.com/tools/pdf/merge', null],
  ['https://example.com/search?q=report.pdf', null],
  ['https://example.com/report.pdf.html', null],
  ['https://example.com/report.pdf/view', null],
  ['https://example.com/setup.exe', null],
  ['https://example.com/photo.jpg', null],
  ['https://example.com/archive.zip', null],
  ['https://example.com/data.json?format=json', null],
  ['https://example.com/feed?format=rss', null],
  ['https://example.com/', null],
  ['https://en.wikipedia.org/wiki/PDF', null],
  ['https://commons.wikimedia.org/wiki/File:Example.pdf', null],
  ['https://de.wikipedia.org/wiki/Datei:Beispiel.pdf', null],
  ['https://arxiv.org/abs/2301.00001', null],
  ['https://onlinelibrary.wiley.com/doi/epdf/10.1002/asi.24750', null],
  ['https://docs.google.com/', null],
  ['https://docs.google.com/document/u/0/', null],
  ['https://docs.google.com/spreadsheets/u/0/?tgif=d', null],
  ['https://docs.google.com/forms/d/e/1FAIpQL/viewform', null],
  ['https://drive.google.com/drive/folders/1AbCdEfGh', null],
  ['https://drive.google.com/drive/u/0/my-drive', null],
  ['https://onedrive.live.com/', null],
  ['https://onedrive.live.com/?id=root&cid=abcdef', null],
  ['https://1drv.ms/f/s!AkXYZabc123', null],
  ['https://contoso.sharepoint.com/:f:/s/Legal/EkLm?e=4', null],
  ['https://contoso.sharepoint.com/sites/Legal', null],
  ['https://contoso.sharepoint.com/sites/Legal/SitePages/Home.aspx', null],
  ['https://www.dropbox.com/sh/abc123/AADxyz?dl=0', null],
  ['https://www.dropbox.com/scl/fo/abc123/xyz?rlkey=qwe', null],
  ['https://www.dropbox.com/features', null],
  ['https://www.dropbox.com/', null],
  ['mailto:anna@example.com?subject=report.pdf', null],
  ['javascript:void(0)', null],
  ['data:application/pdf;base64,JVBERi0=', null],
  ['not a url', null],
  ['', null],
];

describe('detectDocument', () => {
  it.each(CASES)('%s → %s', (url, expected) => {
    expect(detectDocument(url)).toBe(expected);
  });
});

describe('classifyLink', () => {
  it('makes a recognised document a document source with its type', () => {
    expect(classifyLink('https://example.com/a.pdf')).toEqual({ type: 'document', documentType: 'pdf' });
  });

  it('leaves everything else a plain link', () => {
    expect(classifyLink('https://example.com/pdf-guide.html')).toEqual({ type: 'link' });
  });
});

describe('fileNameFromUrl', () => {
  it.each([
    ['https://example.com/files/Annual%20Report%202024.pdf?x=1', 'Annual Report 2024.pdf'],
    ['https://example.com/leitfaden.pdf/@@download/file', 'leitfaden.pdf'],
    ['https://example.com/download.php?file=report.pdf', 'report.pdf'],
    ['https://www.dropbox.com/scl/fi/abc/Budget%202024.xlsx?rlkey=q', 'Budget 2024.xlsx'],
    ['https://contoso.sharepoint.com/sites/x/_layouts/15/Doc.aspx?sourcedoc=%7BG%7D&file=Schriftsatz.docx', 'Schriftsatz.docx'],
    ['https://example.com/servlet/report.pdf;jsessionid=1', 'report.pdf'],
    ['https://docs.google.com/document/d/1aBcDeF/edit', null],
    ['https://example.com/page.html', null],
    ['nonsense', null],
  ])('%s → %s', (url, expected) => {
    expect(fileNameFromUrl(url)).toBe(expected);
  });
});
