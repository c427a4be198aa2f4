/** The errors any service may throw for a route to answer: no such record (404), not allowed (403). */
export class NotFoundError extends Error {}

export class NotAllowedError extends Error {
  constructor(message: string) {
    super(message)
  }
}
