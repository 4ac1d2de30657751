// The opaque history cursor: base64url of [createdAt, id] of the last order a page showed. Decoding
// anything else gives null, so a forged or stale-format cursor is a 400, never a 500.

import type { HistoryCursor } from '../protocol/history.ts';

const CANONICAL_TIMESTAMP = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z$/;
const ORDER_ID = /^[0-9a-f-]{36}$/;

export function encodeHistoryCursor(cursor: HistoryCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.id])).toString('base64url');
}

export function decodeHistoryCursor(text: string): HistoryCursor | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    // Not JSON after decoding: exactly "not a cursor".
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) return null;
  const [createdAt, id] = parsed as unknown[];
  if (typeof createdAt !== 'string' || !CANONICAL_TIMESTAMP.test(createdAt)) return null;
  if (typeof id !== 'string' || !ORDER_ID.test(id)) return null;
  return { createdAt, id };
}
