/** A piece of shown text, marked when it is a searched word (clients render hits inside <mark>, as text). */
export interface Segment {
  text: string;
  hit: boolean;
}

export function excerptOf(body: string, max = 160): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
