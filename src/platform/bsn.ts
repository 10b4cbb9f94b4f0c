/**
 * Burgerservicenummer (BSN) checks. A BSN has 9 digits and passes the "elfproef":
 * 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is divisible by 11 (and not 0).
 */
export function isValidBsn(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * (value.charCodeAt(i) - 48);
  sum -= value.charCodeAt(8) - 48;
  return sum !== 0 && sum % 11 === 0;
}

/**
 * RSIN (and other 9-digit numbers of organisations) as the ZGW APIs validate them: 9 digits passing the
 * same elfproef, where a sum of 0 is allowed (the ZGW test suite uses 000000000).
 */
export function isValidRsin(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * (value.charCodeAt(i) - 48);
  sum -= value.charCodeAt(8) - 48;
  return sum % 11 === 0;
}

/** Replaces every 9-digit run that is a valid BSN with a fixed mask. */
export function maskBsns(text: string): string {
  return text.replace(/(?<!\d)\d{9}(?!\d)/g, (m) => (isValidBsn(m) ? '*********' : m));
}
