/** ISO 7064 MOD 11,10: the check digit of the German tax ID and VAT ID (BZSt method 11/10). */
export function mod11of10CheckDigit(digits: string): number {
  let product = 10;
  for (const char of digits) {
    let sum = (Number(char) + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  const check = 11 - product;
  return check === 10 ? 0 : check;
}
