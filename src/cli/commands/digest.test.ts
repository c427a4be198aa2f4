import { describe, expect, it } from 'vitest'
import { CliError } from '../cli-error.js'
import { command } from './digest.js'

/** Every wrong option is refused before the database is opened, with exit code 2. */
describe('haven digest options', () => {
  it.each([
    [['--out', 'digest.csv'], /give --period and --out/],
    [['--period', '2025/26'], /give --period and --out/],
    [['--period', '2025-26', '--out', 'd.csv'], /not a collection year/],
    [['--period', '2099/00', '--out', 'd.csv'], /outside the years|has not begun/],
    [['--period', '2025/26', '--area', 'service:North', '--out', 'd.csv'], /not an area/],
    [['--period', '2025/26', '--format', 'ods', '--out', 'd.ods'], /--format must be csv, xlsx, docx or pdf/],
    [['--period', '2025/26', '--colour', 'red', '--out', 'd.csv'], /colour/],
  ])('refuses %j', async (args, message) => {
    const run = command.run(args)
    await expect(run).rejects.toThrow(CliError)
    await expect(run).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(message) })
  })
})
