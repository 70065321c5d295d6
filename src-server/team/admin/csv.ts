// CSV files as people's spreadsheets save them: decoding (UTF-8 with or without a BOM, or
// GBK/GB18030 as Excel saves "CSV" on Chinese Windows), parsing with papaparse, and writing
// files Excel opens correctly (UTF-8 BOM, CRLF, every field quoted where it must be, and
// formula-looking cells neutralised so a customer name cannot run as a formula).
import { detect as detectEncoding } from 'chardet';
import iconv from 'iconv-lite';
import Papa from 'papaparse';

export type CsvEncoding = 'utf-8-bom' | 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8-bom' };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: iconv.decode(buf.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: iconv.decode(buf.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    // Not valid UTF-8. NUL bytes mean UTF-16 without a BOM (chardet tells which order);
    // otherwise, on a Chinese desktop, it is GBK — a subset of GB18030 — nearly always.
    const sample = buf.subarray(0, 4096);
    if (sample.includes(0)) {
      const guess = detectEncoding(sample);
      if (guess && /^utf-16/i.test(guess)) return { text: iconv.decode(buf, guess.toLowerCase()), encoding: guess.toLowerCase() as CsvEncoding };
    }
    return { text: gb18030(buf), encoding: 'gb18030' };
  }
}

/** Node's ICU decoder when it has GB18030 (full ICU, the default build), iconv-lite otherwise. */
function gb18030(buf: Buffer): string {
  try {
    return new TextDecoder('gb18030').decode(buf);
  } catch {
    return iconv.decode(buf, 'gb18030');
  }
}

/** Splits decoded text into a header and rows; blank lines are skipped, ragged rows kept as they are. */
export function parseCsv(text: string): { header: string[]; rows: string[][] } {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
  const [header = [], ...rows] = parsed.data;
  return { header: header.map((h) => h.replace(/^\uFEFF/, '').trim()), rows };
}

const FORMULA_START = /^[=+\-@\t\r]/;

function field(value: string | number | null): string {
  let s = value === null ? '' : String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV document Excel opens as UTF-8: BOM, CRLF line ends, RFC 4180 quoting. */
export function writeCsv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}
