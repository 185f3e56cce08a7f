/** vue-i18n's lookup and {name} interpolation, enough for the dashboard's messages in pure-logic tests. */
export const translator = (messages: object) => (key: string, named: Record<string, unknown> = {}) => {
  const template = key.split('.').reduce((o: unknown, k) => (o as Record<string, unknown> | undefined)?.[k], messages);
  if (typeof template !== 'string') throw new Error(`no message ${key}`);
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(named[name]));
};
