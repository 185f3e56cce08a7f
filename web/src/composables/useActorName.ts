import { reactive } from 'vue';

/** The same key the review page uses: the name typed there is the one used everywhere else. */
const KEY = 'yuqing.reviewer';

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

/** There is no login yet: the acting editor's name is remembered on this device. */
export const loadActorName = (): string => loadName(KEY);
export const saveActorName = (name: string): void => saveName(KEY, name);

export interface ActorName {
  /** What is in the input now. */
  name: string;
  /** Set when an action needed a name and there was none (the field shows it). */
  missing: boolean;
  /** Bumped to ask the field to take focus. */
  focusRequest: number;
  /** Saves a typed name (on change). */
  remember: () => void;
  /** The name to record an action under, or null after flagging the field. */
  require: () => string | null;
}

/** The acting editor for one page: every change is recorded under a name. */
export function useActorName(): ActorName {
  const state: ActorName = reactive({
    name: loadActorName(),
    missing: false,
    focusRequest: 0,
    remember() {
      const name = state.name.trim();
      if (!name) return;
      state.missing = false;
      saveActorName(name);
    },
    require() {
      const name = state.name.trim();
      if (!name) {
        state.missing = true;
        state.focusRequest++;
        return null;
      }
      state.missing = false;
      saveActorName(name);
      return name;
    },
  });
  return state;
}
