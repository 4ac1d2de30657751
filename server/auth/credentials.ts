// Device credentials and pairing codes: how they are made and hashed. Only hashes are ever stored;
// comparisons of secrets given by clients go through hashes or timingSafeEqual, never `===`.

import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { PAIRING_CODE_ALPHABET, PAIRING_CODE_LENGTH } from '../../protocol/pairing.ts';

/** 32 random bytes = 256 bits, base64url (43 characters). */
export function newCredential(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 hex: what the devices and pairing_codes tables hold instead of the secret. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** 8 Crockford base32 characters (40 bits), canonical form (no hyphen). */
export function newPairingCode(): string {
  let code = '';
  for (let i = 0; i < PAIRING_CODE_LENGTH; i++)
    code += PAIRING_CODE_ALPHABET[randomInt(PAIRING_CODE_ALPHABET.length)];
  return code;
}

/** Constant-time equality of two secrets of any length (hashing first equalises the lengths). */
export function secretsEqual(given: string, expected: string): boolean {
  return timingSafeEqual(
    createHash('sha256').update(given).digest(),
    createHash('sha256').update(expected).digest(),
  );
}
