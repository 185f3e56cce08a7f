const KEY = 'yuqing.reporter';

/** Field staff report from their phones many times a day: their name is remembered on the device. */
export function loadReporter(): string {
  try {
    return localStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

export function saveReporter(name: string): void {
  try {
    localStorage.setItem(KEY, name.trim());
  } catch {
    // storage unavailable: the name lasts for this page only
  }
}
