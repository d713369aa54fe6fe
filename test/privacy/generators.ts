/**
 * Independent implementations of the check-digit rules, written from the specifications and not
 * from lib/privacy, so the tests can generate valid numbers and judge the detectors against them.
 */

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** A tiny deterministic random source (mulberry32), so generated corpora are reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomDigits(random: () => number, count: number): string {
  return Array.from({ length: count }, () => Math.floor(random() * 10)).join('');
}

/** ISO 13616: the two check digits for country + BBAN, with BigInt arithmetic. */
export function ibanCheckDigits(country: string, bban: string): string {
  const numeric = [...(bban + country + '00')].map((char) => ALPHABET.indexOf(char)).join('');
  return String(98n - (BigInt(numeric) % 97n)).padStart(2, '0');
}

/** True when the IBAN (compact) has remainder 1 mod 97. */
export function ibanMod97(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  return BigInt([...rearranged].map((char) => ALPHABET.indexOf(char)).join('')) % 97n === 1n;
}

/** A valid German IBAN (8-digit bank code, 10-digit account). */
export function germanIban(random: () => number): string {
  const bban = randomDigits(random, 18);
  return `DE${ibanCheckDigits('DE', bban)}${bban}`;
}

/** The Luhn check digit to append to `payload`. */
export function luhnCheckDigit(payload: string): number {
  const sum = [...payload]
    .reverse()
    .map(Number)
    .reduce((total, digit, i) => total + (i % 2 === 0 ? [0, 2, 4, 6, 8, 1, 3, 5, 7, 9][digit] : digit), 0);
  return (10 - (sum % 10)) % 10;
}

/** A Luhn-valid card number with the given prefix and length. */
export function cardNumber(random: () => number, prefix: string, length: number): string {
  const payload = prefix + randomDigits(random, length - prefix.length - 1);
  return payload + luhnCheckDigit(payload);
}

/** ISO 7064 MOD 11,10 in its textbook form: P₀ = 10, Sᵢ = (Pᵢ₋₁ + dᵢ) mod 10 (0 → 10), Pᵢ = 2Sᵢ mod 11. */
export function iso7064Mod1110(digits: string): number {
  const product = [...digits].reduce((p, digit) => (2 * ((p + Number(digit)) % 10 || 10)) % 11, 10);
  return (11 - product) % 10;
}

/** A valid Steuer-ID: 10 digits (first not 0) with one digit doubled, no triple run, plus the check digit. */
export function taxId(random: () => number): string {
  for (;;) {
    const pool = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].sort(() => random() - 0.5).slice(0, 9);
    const doubled = pool[Math.floor(random() * 9)];
    const digits = [...pool, doubled].sort(() => random() - 0.5).join('');
    if (digits[0] === '0' || /(\d)\1\1/.test(digits)) continue;
    return digits + iso7064Mod1110(digits);
  }
}

/** A valid German VAT ID. */
export function vatId(random: () => number): string {
  const digits = randomDigits(random, 8);
  return `DE${digits}${iso7064Mod1110(digits)}`;
}

function digitSum(value: number): number {
  return String(value)
    .split('')
    .reduce((sum, digit) => sum + Number(digit), 0);
}

/** The Rentenversicherungsnummer check digit (weights 2,1,2,5,7,1,2,1,2,1,2,1; cross sums; mod 10). */
export function pensionCheckDigit(withoutCheck: string): number {
  const letter = withoutCheck[8];
  const digits = withoutCheck.slice(0, 8) + String(ALPHABET.indexOf(letter) - 9).padStart(2, '0') + withoutCheck.slice(9);
  const weights = [2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1];
  return weights.reduce((sum, weight, i) => sum + digitSum(weight * Number(digits[i])), 0) % 10;
}

/** A valid pension insurance number, printed "65 170839 J 003". */
export function pensionNumber(random: () => number): string {
  const area = String(10 + Math.floor(random() * 80));
  const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
  const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
  const year = randomDigits(random, 2);
  const letter = 'ABCDEFGHIJKLMNOPRSTUVWZ'[Math.floor(random() * 23)];
  const serial = randomDigits(random, 2);
  const compact = `${area}${day}${month}${year}${letter}${serial}`;
  return `${area} ${day}${month}${year} ${letter} ${serial}${pensionCheckDigit(compact)}`;
}

/** The KVNR check digit: letter as 01–26, eight digits, weights 1,2,1,…, cross sums, mod 10. */
export function kvnrCheckDigit(letter: string, digits: string): number {
  const all = String(ALPHABET.indexOf(letter) - 9).padStart(2, '0') + digits;
  return [...all].reduce((sum, digit, i) => sum + digitSum(Number(digit) * (1 + (i % 2))), 0) % 10;
}

/** A valid KVNR. */
export function kvnr(random: () => number): string {
  const letter = ALPHABET[10 + Math.floor(random() * 26)];
  const digits = randomDigits(random, 8);
  return `${letter}${digits}${kvnrCheckDigit(letter, digits)}`;
}

/** The ICAO 9303 check digit (weights 7, 3, 1). */
export function icaoCheck(value: string): number {
  return [...value].reduce((sum, char, i) => sum + ALPHABET.indexOf(char) * [7, 3, 1][i % 3], 0) % 10;
}

/** A German ID card / passport number with its check digit. */
export function idDocumentNumber(random: () => number): string {
  const letters = 'CFGHJKLMNPRTVWXYZ';
  const all = letters + '0123456789';
  let number = letters[Math.floor(random() * letters.length)];
  for (let i = 0; i < 8; i += 1) number += all[Math.floor(random() * all.length)];
  if (!/\d/.test(number)) number = number.slice(0, 8) + '7';
  return number + icaoCheck(number);
}

/** The same number with its last (check) digit replaced by a wrong one. */
export function withWrongCheckDigit(value: string, shift = 1): string {
  const last = Number(value[value.length - 1]);
  return value.slice(0, -1) + ((last + shift) % 10);
}
