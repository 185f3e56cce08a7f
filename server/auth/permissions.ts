import type { Role, TokenScope } from '../contracts/auth';

/**
 * The permission matrix: every action a route can need, and who may take it. One predicate per
 * action (`can(identity, action)`); the route table (route-rules.ts) names the action of each route.
 */
export const ACTIONS = {
  /** Items, search, overview, trends, topics, alerts, voids, sources, jobs, live events. */
  'monitor:read': ['admin', 'analyst', 'editor', 'leader'],
  /** Topics, alert rules, acknowledging and escalating alerts, sentiment corrections, crawl now. */
  'monitor:write': ['admin', 'analyst'],
  /** The rumour desk's queue, evidence, verdict history, calibration, library and rebuttals. */
  'desk:read': ['admin', 'analyst', 'editor', 'leader'],
  /** Claims, verdicts, library changes, rebuttals. */
  'desk:write': ['admin', 'editor'],
  /** Rumours heard offline (field staff, grid workers). */
  'sightings:write': ['admin', 'analyst', 'editor'],
  /** The outreach ledger: a reporter sees and files only for their unit and its sub-units. */
  'ledger:read': ['admin', 'analyst', 'editor', 'leader', 'reporter'],
  'ledger:write': ['admin', 'analyst', 'reporter'],
  /** Units, categories, targets and the district profile. */
  'ledger:admin': ['admin'],
  /** Confirming or rejecting press conferences the system recognised. */
  'ledger:confirm': ['admin', 'analyst', 'editor'],
  'reports:read': ['admin', 'analyst', 'editor', 'leader'],
  'reports:generate': ['admin', 'analyst', 'editor', 'leader'],
  /** Source settings, webhooks (they hold secrets), users and tokens. */
  admin: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof ACTIONS;

/** What a machine token's scope allows (tokens never administer, never change the desk or ledger). */
const SCOPES: Record<TokenScope, readonly Action[]> = {
  ingest: [],
  read: ['monitor:read', 'desk:read', 'ledger:read', 'reports:read'],
};

export type Identity =
  | { kind: 'user'; id: number; username: string; displayName: string; role: Role; unitId: number | null }
  | { kind: 'token'; id: number | null; name: string; scopes: TokenScope[] };

/** Whether the identity may take the action (a reporter's unit scope is checked by the ledger on top). */
export function can(who: Identity, action: Action): boolean {
  if (who.kind === 'token') return who.scopes.some((s) => SCOPES[s].includes(action));
  return (ACTIONS[action] as readonly Role[]).includes(who.role);
}

export function actionsOf(role: Role): Action[] {
  return (Object.keys(ACTIONS) as Action[]).filter((a) => (ACTIONS[a] as readonly Role[]).includes(role));
}

/** The name recorded as the actor of a change: a person's display name, or the token's name. */
export function actorName(who: Identity): string {
  return who.kind === 'user' ? who.displayName : `token:${who.name}`;
}
