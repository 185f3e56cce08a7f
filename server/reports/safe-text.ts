/**
 * Guards shared by the report renderers. Report text can come from crawled pages, so both the
 * DOCX and the HTML output treat it as hostile: links only to http(s), and no characters that
 * make the XML/HTML invalid (one stray U+0001 in a crawled title stops Word opening the file).
 */

/** The URL, normalised, when it is an absolute http(s) URL; otherwise undefined (javascript:, data:, relative…). */
export function safeHttpUrl(link: string | undefined): string | undefined {
  if (!link) return undefined;
  try {
    const url = new URL(link.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

// Characters XML 1.0 forbids (C0 controls except tab/LF/CR, U+FFFE/U+FFFF) and unpaired surrogates.
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text with XML-invalid characters removed; escaping is still the renderer's job. */
export function stripInvalidXmlChars(text: string): string {
  return text.replace(XML_INVALID, '');
}
