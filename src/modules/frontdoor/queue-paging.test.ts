import { describe, expect, it } from 'vitest'
import { pageLinks, pageWindow, requestedPage } from './queue-paging.js'

describe('pageWindow', () => {
  it.each([
    // total, requested, size → page, pages, offset, from, to
    [0, 1, 100, 1, 1, 0, 0, 0],
    [1, 1, 100, 1, 1, 0, 1, 1],
    [100, 1, 100, 1, 1, 0, 1, 100],
    [101, 2, 100, 2, 2, 100, 101, 101],
    [250, 3, 100, 3, 3, 200, 201, 250],
    [250, 9, 100, 3, 3, 200, 201, 250],
    [250, 0, 100, 1, 3, 0, 1, 100],
    [250, -4, 100, 1, 3, 0, 1, 100],
    [250, Number.NaN, 100, 1, 3, 0, 1, 100],
  ])('%i rows, page %d of %d a page', (total, requested, size, page, pages, offset, from, to) => {
    expect(pageWindow(total, requested, size)).toEqual({ page, pages, offset, from, to, total })
  })
})

describe('requestedPage', () => {
  it.each([
    ['2', 2],
    ['0', 1],
    ['', 1],
    ['-1', 1],
    ['2.5', 1],
    ['1e3', 1],
    ['9999999', 1],
    [['2', '3'], 1],
    [undefined, 1],
  ])('%j is page %d', (value, page) => {
    expect(requestedPage(value)).toBe(page)
  })
})

describe('pageLinks', () => {
  const numbers = (total: number, page: number) =>
    pageLinks(pageWindow(total, page, 10), (p) => `?page=${p}`).map((l) =>
      'ellipsis' in l ? '…' : l.current ? `[${l.number}]` : String(l.number),
    )
  it.each([
    [5, 1, ['[1]']],
    [30, 1, ['[1]', '2', '3']],
    [100, 1, ['[1]', '2', '…', '10']],
    [100, 5, ['1', '…', '4', '[5]', '6', '…', '10']],
    [100, 10, ['1', '…', '9', '[10]']],
    [100, 3, ['1', '2', '[3]', '4', '…', '10']],
  ])('%i rows on page %i', (total, page, expected) => {
    expect(numbers(total, page)).toEqual(expected)
  })

  it('links each page to its own URL', () => {
    expect(pageLinks(pageWindow(20, 1, 10), (p) => `/mash?page=${p}`)[1]).toEqual({
      number: 2,
      href: '/mash?page=2',
      current: false,
    })
  })
})
