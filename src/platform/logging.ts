/**
 * Haven's one logger: structured JSON lines (pino). Server code logs through it, never through
 * `console`, so every line has the same shape and the same redaction. What it must never hold is
 * personal data: the request log names the route pattern, not the URL (see http/request-log.ts),
 * and the fields below are removed wherever they appear.
 *
 * In production the lines go out as JSON, for the log service. On a developer's machine the same
 * lines are written short and readable (`readableLines`): a time, the request or the message, and
 * anything else on one line. `HAVEN_LOG_FORMAT=json` gives JSON anywhere.
 */
import { pino, type DestinationStream, type Logger } from 'pino'

export type { Logger }

/** Removed from every line: credentials, and a database error's copy of the values it refused. */
const REDACT = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  'err.detail',
  'err.where',
  'err.parameters',
]

export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      redact: { paths: REDACT, censor: '[removed]' },
      // A request written into a line is its method alone: its URL can hold personal data.
      serializers: { req: (req: { method?: string }) => ({ method: req.method }) },
    },
    options.destination ?? pino.destination(1),
  )
}

const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
}
const SHOWN_APART = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'reqId', 'err'])

/** One JSON line as a developer reads it: "14:05:09 GET /children/:id 200 12.5 ms". */
export function readableLine(json: string): string {
  let line: Record<string, unknown>
  try {
    line = JSON.parse(json) as Record<string, unknown>
  } catch {
    return json.trimEnd()
  }
  const time = typeof line.time === 'number' ? new Date(line.time).toTimeString().slice(0, 8) : ''
  const level = typeof line.level === 'number' ? (LEVELS[line.level] ?? String(line.level)) : ''
  if (line.msg === 'request' && typeof line.route === 'string')
    return `${time} ${String(line.method)} ${line.route} ${String(line.status)} ${String(line.ms)} ms`
  const rest = Object.entries(line)
    .filter(([key]) => !SHOWN_APART.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
  const err = line.err as { type?: string; message?: string; stack?: string } | undefined
  const parts = [time, level === 'INFO' ? '' : level, typeof line.msg === 'string' ? line.msg : '', ...rest]
  const text = parts.filter(Boolean).join(' ')
  return err ? `${text}\n${err.stack ?? `${err.type ?? 'Error'}: ${err.message ?? ''}`}` : text
}

/** A destination that writes each line readably (see `readableLine`) to `out`. */
export function readableLines(out: { write(text: string): unknown } = process.stdout): DestinationStream {
  return { write: (json: string) => void out.write(`${readableLine(json)}\n`) }
}

/** The process's logger. `HAVEN_LOG=false` silences it (CI, benchmarks). */
export const logger: Logger = createLogger({
  level: process.env.HAVEN_LOG === 'false' ? 'silent' : 'info',
  ...(process.env.NODE_ENV !== 'production' && process.env.HAVEN_LOG_FORMAT !== 'json'
    ? { destination: readableLines() }
    : {}),
})
