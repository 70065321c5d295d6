// Validators for identifiers whose format alone is too weak: the GB 11643-1999 resident ID
// checksum (ISO 7064 MOD 11-2) with province and birth-date checks, and Luhn for bank cards.

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK = '10X98765432';

/** Province-level prefixes of GB/T 2260 used in resident ID numbers. */
export const ID_PROVINCES: readonly number[] = [
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54,
  61, 62, 63, 64, 65, 71, 81, 82, 91,
];
const PROVINCES = new Set(ID_PROVINCES);

export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_WEIGHTS[i]!;
  return ID_CHECK.charAt(sum % 11);
}

export function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[m - 1]!;
}

/** An 18-character resident ID (digits + check digit or X), separators already removed. */
export function isResidentId(id: string, now: Date): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  if (!PROVINCES.has(Number(id.slice(0, 2)))) return false;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (y < 1900 || !isRealDate(y, m, d)) return false;
  if (new Date(Date.UTC(y, m - 1, d)).getTime() > now.getTime()) return false;
  return idCheckChar(id.slice(0, 17)) === id.charAt(17).toUpperCase();
}

/** A pre-1999 15-digit ID: no checksum, so only province and a YYMMDD date can be checked. */
export function isLegacyResidentId(id: string): boolean {
  if (!/^\d{15}$/.test(id) || !PROVINCES.has(Number(id.slice(0, 2)))) return false;
  return isRealDate(1900 + Number(id.slice(6, 8)), Number(id.slice(8, 10)), Number(id.slice(10, 12)));
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let v = digits.charCodeAt(i) - 48;
    if (v < 0 || v > 9) return false;
    if (double) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}
