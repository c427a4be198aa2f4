import { describe, expect, it } from 'vitest'
import { pageFromQuery, paginationFor } from './paged-list.js'

describe('paging', () => {
  it('reads the page from the URL, falling back to the first on nonsense', () => {
    expect(pageFromQuery({ page: '3' }, 25)).toEqual({ number: 3, size: 25, offset: 50 })
    for (const page of ['0', '-1', '2.5', 'x', undefined]) expect(pageFromQuery({ page }, 25).number).toBe(1)
  })

  it('links each page with the filters kept, and elides the middle', () => {
    const p = paginationFor({ number: 5, size: 10, offset: 40 }, 95, { status: 'overdue' })
    expect(p.items.map((i) => i.text ?? '…')).toEqual(['1', '…', '4', '5', '6', '…', '10'])
    expect(p.items.find((i) => i.selected)?.text).toBe('5')
    expect(p.previous?.href).toBe('?status=overdue&page=4')
    expect(p.next?.href).toBe('?status=overdue&page=6')
    expect(p.items[0]?.href).toBe('?status=overdue')
    expect(p.results).toEqual({ from: 41, to: 50, count: 95, text: 'results' })
  })

  it('has no next link on the last page and counts an empty list as nothing', () => {
    expect(paginationFor({ number: 1, size: 10, offset: 0 }, 7, {}).next).toBeUndefined()
    expect(paginationFor({ number: 1, size: 10, offset: 0 }, 0, {}).results).toMatchObject({ from: 0, to: 0 })
  })
})
