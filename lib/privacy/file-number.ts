import type { SensitiveSpan } from './types';

/**
 * Register signs (Registerzeichen) of German courts and prosecutors: civil (C, O, S, T, U, W, H,
 * OH, ZR, ZB, ZA), family (F, UF, WF), insolvency and enforcement (IN, IK, IE, M, K), criminal
 * (Js, Ds, Ls, Cs, Ks, KLs, Ns, Qs, Ss, Ws, Gs, StR, StB, OWi, StVK), labour (Ca, Ga, BV, Sa, Ta,
 * TaBV, AZR, ABR, AZB, AZN), administrative (K, L, A, B, E, N), social (AS, AL, KR, KA, R, U, P,
 * SO, AY, EG, BK, VG), fiscal (K, R, B) and constitutional (BvR, BvL, BvE, BvF, BvQ, BvB, BvC).
 */
export const REGISTER_SIGNS: readonly string[] = [
  'C',
  'O',
  'S',
  'T',
  'U',
  'W',
  'H',
  'OH',
  'ZR',
  'ZB',
  'ZA',
  'F',
  'UF',
  'WF',
  'IN',
  'IK',
  'IE',
  'M',
  'K',
  'Js',
  'Ds',
  'Ls',
  'Cs',
  'Ks',
  'KLs',
  'Ns',
  'Qs',
  'Ss',
  'Ws',
  'Gs',
  'StR',
  'StB',
  'OWi',
  'StVK',
  'Ca',
  'Ga',
  'BV',
  'Sa',
  'Ta',
  'TaBV',
  'AZR',
  'ABR',
  'AZB',
  'AZN',
  'L',
  'A',
  'B',
  'E',
  'N',
  'AS',
  'AL',
  'KR',
  'KA',
  'R',
  'P',
  'SO',
  'AY',
  'EG',
  'BK',
  'VG',
  'BvR',
  'BvL',
  'BvE',
  'BvF',
  'BvQ',
  'BvB',
  'BvC',
];
/** Registers of companies and associations: "HRB 12345", no chamber, no year. */
const COMPANY_REGISTERS = ['HRA', 'HRB', 'GnR', 'VR'];

const SPACE = '[ \\u00a0]+';
const SIGNS = [...REGISTER_SIGNS].sort((a, b) => b.length - a.length).join('|');
// An optional court prefix (L = Landessozialgericht, S = Sozialgericht: "L 4 KR 12/20"), the chamber
// or senate (arabic or roman), the register sign, number/year (2 or 4 digits), a court suffix (".F").
const CASE_NUMBER = new RegExp(
  `(?<![\\p{L}\\p{N}/.,])(?:[LS]${SPACE})?(?<chamber>\\d{1,4}[a-z]?|[IVX]{1,6})${SPACE}(?:${SIGNS})(?:${SPACE}OWi)?${SPACE}\\d{1,6}/(?:\\d{4}|\\d{2})(?:\\.[A-Z]{1,2}(?!\\p{L}))?(?![\\p{L}\\p{N}]|/\\d)`,
  'gu',
);
const COMPANY_NUMBER = new RegExp(`(?<![\\p{L}\\p{N}])(?:${COMPANY_REGISTERS.join('|')})[ \\u00a0]?\\d{1,6}(?![\\p{L}\\p{N}/])`, 'gu');
const ROMAN = /^(?:X{0,3})(?:IX|IV|V?I{0,3})$/;

/** Court file numbers (Aktenzeichen: "VI ZR 1/25", "2 O 123/24", "L 4 KR 12/20", "7 K 1234/21.F") and register numbers ("HRB 12345"). */
export function findFileNumbers(text: string): SensitiveSpan[] {
  const hits: SensitiveSpan[] = [];
  for (const match of text.matchAll(CASE_NUMBER)) {
    const chamber = match.groups?.chamber ?? '';
    if (/^[IVX]/.test(chamber) && !ROMAN.test(chamber)) continue;
    hits.push({ start: match.index, end: match.index + match[0].length, type: 'file-number' });
  }
  for (const match of text.matchAll(COMPANY_NUMBER)) {
    hits.push({ start: match.index, end: match.index + match[0].length, type: 'file-number' });
  }
  return hits;
}
