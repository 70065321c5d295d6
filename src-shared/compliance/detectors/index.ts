// The structured detectors in the order they run: numeric identifiers first (each claims its
// digits so a bank card is not also reported as a phone or a long number), the fallback last.
import type { Detector } from './detector';
import {
  detectAccountNumber,
  detectBankCard,
  detectCredential,
  detectEmail,
  detectImAccount,
  detectLongNumber,
  detectMobile,
  detectPassport,
  detectPlate,
  detectResidentId,
  detectSpelledNumber,
} from './identifiers';
import { detectBirthDate, detectIncomeAsset, detectMinor, detectPreciseAddress, detectWhereabouts } from './personal';

export const DETECTORS: readonly Detector[] = [
  detectResidentId,
  detectEmail,
  detectBankCard,
  detectMobile,
  detectSpelledNumber,
  detectAccountNumber,
  detectCredential,
  detectPassport,
  detectImAccount,
  detectPlate,
  detectWhereabouts,
  detectPreciseAddress,
  detectBirthDate,
  detectIncomeAsset,
  detectMinor,
  detectLongNumber,
];
