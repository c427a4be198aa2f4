import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { appendCheckpoint, parseCheckpointLine, readLastCheckpoint } from './checkpoint.js'

const HASH = 'cd'.repeat(32)
const tmp = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'haven-cp-')), 'cp.log')

describe('parseCheckpointLine', () => {
  it('reads a line the sealer wrote', () => {
    expect(
      parseCheckpointLine(`{"seq":3,"eventId":7,"hash":"${HASH}","at":"2026-03-05T10:00:00.000Z"}`),
    ).toEqual({
      seq: 3,
      eventId: 7,
      hash: HASH,
      at: '2026-03-05T10:00:00.000Z',
    })
  })

  it.each([
    '',
    'not json',
    '[]',
    `{"seq":0,"eventId":7,"hash":"${HASH}","at":"x"}`,
    `{"seq":"3","eventId":7,"hash":"${HASH}","at":"x"}`,
    `{"seq":3,"eventId":7,"hash":"ABC","at":"x"}`,
    `{"seq":3,"eventId":7,"hash":"${HASH}"}`,
  ])('passes over %j', (line) => {
    expect(parseCheckpointLine(line)).toBeNull()
  })
})

describe('the checkpoint file', () => {
  it('finds the latest checkpoint at the end of a file far longer than what is read', () => {
    const file = tmp()
    const when = new Date('2026-03-05T10:00:00Z')
    for (let seq = 1; seq <= 2000; seq++) appendCheckpoint(file, { seq, eventId: seq * 2, hash: HASH }, when)
    expect(fs.statSync(file).size).toBeGreaterThan(128 * 1024)
    expect(readLastCheckpoint(file)).toEqual({
      state: 'found',
      checkpoint: { seq: 2000, eventId: 4000, hash: HASH, at: '2026-03-05T10:00:00.000Z' },
    })
  })

  it('takes the highest seal when two sealers appended out of order', () => {
    const file = tmp()
    appendCheckpoint(file, { seq: 20, eventId: 20, hash: HASH })
    appendCheckpoint(file, { seq: 10, eventId: 10, hash: HASH })
    expect(readLastCheckpoint(file)).toMatchObject({ state: 'found', checkpoint: { seq: 20 } })
  })

  it('says missing, empty or unreadable rather than throwing', () => {
    const file = tmp()
    expect(readLastCheckpoint(file)).toEqual({ state: 'missing' })
    fs.writeFileSync(file, '')
    expect(readLastCheckpoint(file)).toEqual({ state: 'empty' })
    expect(readLastCheckpoint(path.dirname(file))).toMatchObject({ state: 'unreadable', reason: /^EISDIR/ })
  })
})
