/**
 * Haven's one logger: structured JSON lines (pino). Server code logs through it, never through
 * `console`, so every line has the same shape and the same redaction. What it must never hold is
 * personal data: the request log names the route pattern, not the URL (see http/request-log.ts),
 * and the fields below are removed wherever they appear.
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

/** The process's logger. `HAVEN_LOG=false` silences it (CI, benchmarks). */
export const logger: Logger = createLogger({ level: process.env.HAVEN_LOG === 'false' ? 'silent' : 'info' })
