import { loadName, saveName } from '../../composables/useActorName';

const KEY = 'yuqing.reporter';

/** Field staff report from their phones many times a day: their name is remembered on the device. */
export const loadReporter = (): string => loadName(KEY);
export const saveReporter = (name: string): void => saveName(KEY, name);
