// Device roles (DESIGN.md Part 2, principle 12) and what each may do. Shared by server (enforcement),
// service worker and page (which screens and buttons to offer). Pure data: no DOM, no Node.

export const ROLES = ['owner', 'counter', 'kitchen', 'display'] as const;
export type Role = (typeof ROLES)[number];

/** Every paired device, whatever its role. */
export const ANY_ROLE: readonly Role[] = ROLES;

/**
 * Who may call a route. `public` needs no credential (healthz, setup, pair); a list of roles needs a
 * device credential whose role is in the list (missing/unknown/revoked → 401, other role → 403).
 */
export type Access = 'public' | readonly Role[];

/** The access rules of DESIGN.md Part 2, named once so routes and tests read the same table. */
export const ACCESS = {
  public: 'public',
  anyDevice: ANY_ROLE,
  /** Read the live state: active list, changes, events, one order, menu. */
  read: ANY_ROLE,
  createOrder: ['owner', 'counter'],
  /** PATCH /api/orders/:id; kitchen may move status but not mark paid (checked in the handler). */
  changeOrder: ['owner', 'counter', 'kitchen'],
  history: ['owner', 'counter'],
  /** Part 3: take payments and keep a cash drawer (principles 21-22); refunds and Z reports are ownerOnly. */
  pay: ['owner', 'counter'],
  ownerOnly: ['owner'],
} as const satisfies Record<string, Access>;

export function roleAllows(access: Access, role: Role | null): boolean {
  if (access === 'public') return true;
  return role !== null && access.includes(role);
}
