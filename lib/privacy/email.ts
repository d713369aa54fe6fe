import type { SensitiveSpan } from './types';

// Unicode letters are allowed on both sides ("jürgen@müller-recht.de"); the TLD is letters only,
// so a full stop ending the sentence stays outside the span.
const EMAIL =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}_%+-]+(?:\.[\p{L}\p{N}_%+-]+)*@[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)*\.\p{L}{2,}(?![\p{L}\p{N}])/gu;

/** E-mail addresses. */
export function findEmails(text: string): SensitiveSpan[] {
  return [...text.matchAll(EMAIL)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
    type: 'email' as const,
  }));
}
