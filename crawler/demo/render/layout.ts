export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** A full page; `charset` is written into the <meta> so GBK pages declare themselves like real ones. */
export function page(opts: { title: string; charset?: string; head?: string; body: string; lang?: string }): string {
  const charset = opts.charset ?? 'utf-8';
  const meta =
    charset === 'utf-8'
      ? '<meta charset="utf-8">'
      : `<meta http-equiv="Content-Type" content="text/html; charset=${charset}">`;
  return `<!DOCTYPE html>
<html lang="${opts.lang ?? 'zh-CN'}">
<head>
${meta}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(opts.title)}</title>
${opts.head ?? ''}
</head>
<body>
${opts.body}
</body>
</html>`;
}

export interface Pager {
  page: number;
  pages: number;
  href: (page: number) => string;
}

export function totalPages(count: number, pageSize: number): number {
  return Math.max(1, Math.ceil(count / pageSize));
}
