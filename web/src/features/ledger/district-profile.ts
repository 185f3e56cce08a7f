/** Aliases as typed: separated by commas, 、, semicolons or spaces; blanks and repeats dropped, the name itself left out. */
export function parseAliases(text: string, name = ''): string[] {
  const seen = new Set<string>();
  for (const a of text.split(/[,，、;；\s]+/)) {
    const s = a.trim();
    if (s && s !== name.trim()) seen.add(s);
  }
  return [...seen];
}
