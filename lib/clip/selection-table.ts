/**
 * Tables in a selection: their rows are collected as cell texts first (a column count is only
 * known at the end), then written as a markdown table, or as plain lines when the table only
 * lays out the page.
 */

/** What collecting a table needs from the walk that meets it. */
export interface TableWalk {
  /** Whether the text so far plus `collectedChars` of rows still fits the size budget. */
  hasRoom(collectedChars: number): boolean;
  /** Whether `node` is part of what was selected. */
  isSelected(node: Node): boolean;
  /** Whether `element` is hidden from the reader. */
  isHidden(element: Element): boolean;
  /** The text of an element's content on one line (a cell, a caption). */
  inlineText(element: Element): string;
  /** Writes a caption as soon as it is met, above the table. */
  caption(text: string): void;
}

/** The cell texts of each row of `element` (a table, a row group or a single row) that is selected and visible. */
export function collectRows(element: Element, walk: TableWalk): string[][] {
  const rows: string[][] = [];
  let collectedChars = 0;
  const collect = (parent: Element) => {
    // Rows are collected before they are written, so a huge table must stop on its own.
    for (let child = parent.firstElementChild; child && walk.hasRoom(collectedChars); child = child.nextElementSibling) {
      if (!walk.isSelected(child) || walk.isHidden(child)) continue;
      const tag = child.tagName.toUpperCase();
      if (tag === 'TR') {
        const cells = rowCells(child, walk);
        collectedChars += cells.join(' | ').length + 5;
        rows.push(cells);
      } else if (tag === 'THEAD' || tag === 'TBODY' || tag === 'TFOOT') {
        collect(child);
      } else if (tag === 'CAPTION') {
        const caption = walk.inlineText(child);
        if (caption) walk.caption(caption);
      }
    }
  };
  collect(element);
  if (element.tagName.toUpperCase() === 'TR' && rows.length === 0) rows.push(rowCells(element, walk));
  return rows;
}

/** The lines a table's rows become: a markdown table, or one line per cell for a one-column or layout table. */
export function tableLines(table: Element, rows: readonly string[][]): string[] {
  const filled = rows.filter((row) => row.some((cell) => cell !== ''));
  const columns = Math.max(0, ...filled.map((row) => row.length));
  const role = table.getAttribute('role');
  if (columns === 1 || role === 'presentation' || role === 'none') {
    // A one-column or layout table is a stack of blocks, not data.
    return filled.flatMap((row) => row.filter((cell) => cell !== ''));
  }
  if (columns === 0) return [];
  return filled.flatMap((row, index) => {
    const cells = Array.from({ length: columns }, (_, column) => (row[column] ?? '').replace(/\|/g, '\\|'));
    const line = `| ${cells.join(' | ')} |`;
    return index === 0 ? [line, `|${' --- |'.repeat(columns)}`] : [line];
  });
}

function rowCells(row: Element, walk: TableWalk): string[] {
  const cells: string[] = [];
  for (let cell = row.firstElementChild; cell; cell = cell.nextElementSibling) {
    const tag = cell.tagName.toUpperCase();
    if ((tag !== 'TD' && tag !== 'TH') || walk.isHidden(cell)) continue;
    // A cell outside the selection keeps its column, so the others stay under their headers.
    cells.push(walk.isSelected(cell) ? walk.inlineText(cell) : '');
  }
  return cells;
}
