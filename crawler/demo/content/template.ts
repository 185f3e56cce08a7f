/** One demo article before its placeholders ({street}, {d1}, …) are filled. */
export interface Template {
  title: string;
  paras: string[];
  /** Who signs it; placeholders allowed. */
  author?: string;
}

/** Forum posts come in kinds, so rumours can come in waves instead of evenly. */
export interface ForumTemplate extends Template {
  kind: 'daily' | 'rumour' | 'reaction';
}
