// The opaque `cursor` query parameter of GET /api/orders?status=active: where the next page starts in the
// list's order (createdAt DESC, id DESC). Encoded so clients treat it as a token, not a number to compute.

export interface ActivePosition {
  createdAt: string;
  id: string;
}

export function encodeActiveToken(position: ActivePosition): string {
  return Buffer.from(JSON.stringify([position.createdAt, position.id])).toString('base64url');
}

/** null when the token was not made by encodeActiveToken (the route answers 400). */
export function decodeActiveToken(token: string): ActivePosition | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [createdAt, id] = value as unknown[];
    if (typeof createdAt !== 'string' || typeof id !== 'string') return null;
    if (createdAt.length > 40 || id.length > 64) return null;
    return { createdAt, id };
  } catch {
    return null; // not base64url JSON: the caller reports an invalid cursor
  }
}
