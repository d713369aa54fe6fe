/** What a confidentiality hit is (issue 12): the types the draft shows as chips. */
export type SensitiveType =
  | 'iban'
  | 'card'
  | 'email'
  | 'phone'
  | 'tax-id'
  | 'vat-id'
  | 'pension-number'
  | 'health-insurance-number'
  | 'id-document'
  | 'birth-date'
  | 'file-number'
  | 'name';

/** A hit: the half-open range [start, end) of the text in UTF-16 code units, and its type. */
export interface SensitiveSpan {
  start: number;
  end: number;
  type: SensitiveType;
}

/** Every type, in the order the settings list them. */
export const SENSITIVE_TYPES: readonly SensitiveType[] = [
  'iban',
  'card',
  'email',
  'phone',
  'tax-id',
  'vat-id',
  'pension-number',
  'health-insurance-number',
  'id-document',
  'birth-date',
  'file-number',
  'name',
];
