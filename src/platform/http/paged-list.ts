/**
 * Paging for long lists: the page number read from the URL, and the MOJ pagination component's
 * parameters built from the total the store counted in SQL, keeping the list's filters in each link.
 */

export interface Page {
  number: number
  size: number
  offset: number
}

/** The page the URL asks for (1 on anything unexpected). */
export function pageFromQuery(query: Record<string, unknown>, size: number): Page {
  const asked = Number(query.page)
  const number = Number.isSafeInteger(asked) && asked >= 1 && asked <= 100_000 ? asked : 1
  return { number, size, offset: (number - 1) * size }
}

interface PaginationItem {
  text?: string
  href?: string
  selected?: boolean
  type?: 'dots'
}

/** The parameters of `mojPagination` for this page of `total` rows; `filters` stay in every link. */
export function paginationFor(
  page: Page,
  total: number,
  filters: Record<string, string> | readonly (readonly [string, string])[],
  term = 'results',
) {
  const pages = Math.max(1, Math.ceil(total / page.size))
  const current = Math.min(page.number, pages)
  // A filter of several values (checkboxes) is a list of pairs, each name repeated.
  const kept = Array.isArray(filters) ? filters : Object.entries(filters)
  const href = (n: number) =>
    `?${new URLSearchParams([...kept.map(([k, v]): [string, string] => [k, v]), ...(n > 1 ? [['page', String(n)] as [string, string]] : [])])}`
  const shown = [...new Set([1, current - 1, current, current + 1, pages])]
    .filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b)
  const items: PaginationItem[] = []
  shown.forEach((n, i) => {
    if (i > 0 && n - (shown[i - 1] ?? n) > 1) items.push({ type: 'dots' })
    items.push({ text: String(n), href: href(n), selected: n === current })
  })
  return {
    items,
    ...(current > 1 ? { previous: { text: 'Previous', href: href(current - 1) } } : {}),
    ...(current < pages ? { next: { text: 'Next', href: href(current + 1) } } : {}),
    results: {
      from: total === 0 ? 0 : (current - 1) * page.size + 1,
      to: Math.min(current * page.size, total),
      count: total,
      text: term,
    },
  }
}
