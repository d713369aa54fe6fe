/** Decoded size of an unpadded base64url text, without decoding it. */
export function decodedBytes(base64url: string): number {
  return Math.floor((base64url.length * 3) / 4);
}
