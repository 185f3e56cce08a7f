/**
 * Files a list page may link to that are never articles: office documents, archives, images,
 * media, installers. WPS/OFD/CEB/CAJ are the Chinese office and e-document formats that government
 * sites attach to notices. Judged by the URL, so such links are skipped without a request.
 */
const BINARY_EXTENSIONS = new Set([
  'pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'wps', 'et', 'dps', 'ofd', 'ceb', 'caj', 'rtf',
  'zip', 'rar', '7z', 'gz', 'tgz', 'tar', 'bz2', 'xz',
  'jpg', 'jpeg', 'png', 'gif', 'bmp', 'webp', 'tif', 'tiff', 'ico', 'svg', 'heic',
  'mp3', 'mp4', 'avi', 'mov', 'wmv', 'flv', 'mkv', 'wav', 'm4a', 'webm',
  'exe', 'apk', 'dmg', 'iso', 'msi', 'bin',
]);

/** The extension of the URL's last path segment when it names a binary format, else null. */
export function binaryExtension(url: URL): string | null {
  const last = url.pathname.split('/').pop() ?? '';
  const dot = last.lastIndexOf('.');
  if (dot < 0) return null;
  const ext = last.slice(dot + 1).toLowerCase();
  return BINARY_EXTENSIONS.has(ext) ? ext : null;
}

const MAGIC: [string, number[]][] = [
  ['pdf', [0x25, 0x50, 0x44, 0x46]], // %PDF
  ['zip/office', [0x50, 0x4b, 0x03, 0x04]], // PK.. (also docx, xlsx, ofd)
  ['png', [0x89, 0x50, 0x4e, 0x47]],
  ['jpeg', [0xff, 0xd8, 0xff]],
  ['gif', [0x47, 0x49, 0x46, 0x38]], // GIF8
  ['gzip', [0x1f, 0x8b]],
  ['rar', [0x52, 0x61, 0x72, 0x21]], // Rar!
  ['7z', [0x37, 0x7a, 0xbc, 0xaf]],
  ['ole/office', [0xd0, 0xcf, 0x11, 0xe0]], // doc, xls, ppt, wps
  ['riff', [0x52, 0x49, 0x46, 0x46]], // webp, avi, wav
  ['ogg', [0x4f, 0x67, 0x67, 0x53]],
  ['elf', [0x7f, 0x45, 0x4c, 0x46]],
];

/** How many leading bytes sniffBinary wants to see. */
export const SNIFF_BYTES = 512;

/**
 * Names the binary format of a body from its first bytes (magic numbers, or NUL bytes, which no
 * HTML or XML page contains), or null for anything that may be text. Catches servers that label a
 * PDF or an image text/html, or no type at all.
 */
export function sniffBinary(head: Uint8Array): string | null {
  for (const [name, magic] of MAGIC) {
    if (magic.every((b, i) => head[i] === b)) return name;
  }
  if (head.length >= 12 && head[4] === 0x66 && head[5] === 0x74 && head[6] === 0x79 && head[7] === 0x70) return 'mp4'; // ....ftyp
  // UTF-16 is full of NULs; it announces itself with a BOM, which decode.ts honours.
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  if (!utf16 && head.subarray(0, SNIFF_BYTES).includes(0)) return 'binary (NUL bytes)';
  return null;
}
