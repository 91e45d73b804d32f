/**
 * Readers for the exported tables, written apart from the writers so the tests parse the output
 * back rather than compare it with itself: RFC 4180 CSV (quoted fields, doubled quotes, CRLF) in
 * blank-line separated sections, and GitHub-flavoured Markdown pipe tables under `##` headings.
 */

export interface ParsedTable {
  title: string;
  header: string[];
  rows: string[][];
}

/** CSV records; a quoted field may hold commas, quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      continue;
    } else if (c === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  return records;
}

/** Sections: a title record, a header record, rows, then an empty record before the next section. */
export function parseCsvSections(text: string): ParsedTable[] {
  const sections: ParsedTable[] = [];
  let current: string[][] = [];
  const flush = () => {
    if (current.length === 0) return;
    const [[title = ''] = [], header = [], ...rows] = current;
    sections.push({ title, header, rows });
    current = [];
  };
  for (const record of parseCsv(text)) {
    if (record.length === 1 && record[0] === '') flush();
    else current.push(record);
  }
  flush();
  return sections;
}

function markdownCells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i]!;
    if (c === '\\' && i + 1 < inner.length) cell += inner[++i];
    else if (c === '|') {
      cells.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  cells.push(cell.trim());
  return cells;
}

export function parseMarkdownTables(text: string): ParsedTable[] {
  const tables: ParsedTable[] = [];
  let title = '';
  for (const line of text.split('\n')) {
    if (line.startsWith('## ')) title = line.slice(3).trim();
    else if (line.startsWith('|')) {
      const cells = markdownCells(line);
      const last = tables.at(-1);
      if (!last || last.title !== title) tables.push({ title, header: cells, rows: [] });
      else if (cells.every((c) => /^:?-{3,}:?$/.test(c))) continue;
      else last.rows.push(cells);
    }
  }
  return tables;
}
