/**
 * A process lock on the embedded database's directory. PGlite has no guard of its own, and two
 * processes writing one data directory corrupt it silently, so the second one is told plainly.
 */
import fs from 'node:fs'
import path from 'node:path'

export class DataDirInUseError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The Haven database in ${dir} is in use by another process (pid ${pid}). ` +
        'Stop that process first (for example the server started by "npm start"), or set DATABASE_URL to use a PostgreSQL server.',
    )
    this.name = 'DataDirInUseError'
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Takes the lock or throws `DataDirInUseError`; returns the function that gives it back. */
export function lockDataDir(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, 'haven.lock')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' })
      let released = false
      const release = () => {
        if (released) return
        released = true
        process.off('exit', release)
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file)
        } catch {
          // already gone
        }
      }
      process.on('exit', release)
      return release
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      const pid = Number(fs.readFileSync(file, 'utf8'))
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid))
        throw new DataDirInUseError(dir, pid)
      if (pid === process.pid) throw new DataDirInUseError(dir, pid)
      fs.unlinkSync(file) // a stale lock from a process that died
    }
  }
  throw new Error(`Could not lock ${dir}`)
}
