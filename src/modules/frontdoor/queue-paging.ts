/**
 * Paging a long list (the MASH queue): which rows a page shows and the links MOJ pagination
 * draws. Pure: no I/O.
 */

export interface PageWindow {
  /** The page shown, 1-based, within 1..pages. */
  page: number
  pages: number
  offset: number
  /** First and last row shown, 1-based; 0 and 0 when there are none. */
  from: number
  to: number
  total: number
}

/** The page asked for, clamped to those there are (a page past the end shows the last). */
export function pageWindow(total: number, requested: number, size: number): PageWindow {
  const pages = Math.max(1, Math.ceil(total / size))
  const page = Number.isSafeInteger(requested) ? Math.min(Math.max(requested, 1), pages) : 1
  const offset = (page - 1) * size
  return {
    page,
    pages,
    offset,
    from: total === 0 ? 0 : offset + 1,
    to: Math.min(offset + size, total),
    total,
  }
}

/** A page number from the URL: a positive whole number, else the first page. */
export function requestedPage(value: unknown): number {
  const n = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : 1
  return n >= 1 ? n : 1
}

export type PageLink = { number: number; href: string; current: boolean } | { ellipsis: true }

/**
 * The numbered links: the first, the last, and the pages either side of the current one, with
 * an ellipsis for each gap, as the design system's pagination shows them.
 */
export function pageLinks(w: PageWindow, href: (page: number) => string, around = 1): PageLink[] {
  const links: PageLink[] = []
  let last = 0
  for (let p = 1; p <= w.pages; p++) {
    const shown = p === 1 || p === w.pages || Math.abs(p - w.page) <= around
    if (!shown) continue
    if (p - last > 1) links.push({ ellipsis: true })
    links.push({ number: p, href: href(p), current: p === w.page })
    last = p
  }
  return links
}
