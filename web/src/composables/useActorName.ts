import { useSessionStore } from '../stores/session';

/** A name remembered on this device under `key` ('' when none or storage is unavailable). */
export function loadName(key: string): string {
  try {
    return localStorage.getItem(key) ?? '';
  } catch {
    return '';
  }
}

export function saveName(key: string, name: string): void {
  try {
    localStorage.setItem(key, name.trim());
  } catch {
    // storage unavailable: the name lasts for this page only
  }
}

export interface ActorName {
  /** The signed-in person's display name ('' only before the session is known). */
  readonly name: string;
  /** The name to record an action under. The server records the signed-in user anyway (it overwrites `actor`). */
  require: () => string;
}

/** Who acts: the signed-in user. Nobody types a name any more; bodies that carry `actor` get the display name. */
export function useActorName(): ActorName {
  const session = useSessionStore();
  return {
    get name() {
      return session.displayName;
    },
    require: () => session.displayName,
  };
}
