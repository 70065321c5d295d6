// Keeps the chosen columns of the team server's export. The file stays what Excel opens
// correctly: UTF-8 with a BOM, CRLF line ends, RFC 4180 quoting; the server's formula guard
// (a leading ' before = + - @) is kept as it came.
import Papa from 'papaparse';

const BOM = '\uFEFF';

export function pickColumns(csv: string, keep: ReadonlySet<string>): { csv: string; columns: string[] } {
  const text = csv.startsWith(BOM) ? csv.slice(1) : csv;
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  const [header = [], ...rows] = parsed.data;
  const idx = header.flatMap((h, i) => (keep.has(h) ? [i] : []));
  const columns = idx.map((i) => header[i]!);
  const body = Papa.unparse({ fields: columns, data: rows.map((r) => idx.map((i) => r[i] ?? '')) }, { newline: '\r\n', quotes: false, escapeFormulae: false });
  return { csv: `${BOM}${body}\r\n`, columns };
}
