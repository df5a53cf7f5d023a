/** The service's clock: returns "now". */
export type Clock = () => Date;

/** Returns a fresh 32-hex id for every call. */
export type IdGenerator = () => string;

/**
 * The logger the service writes warnings to (missing references, rejected cycles). Structurally a subset of
 * pino's, so a Fastify or pino logger fits as is.
 */
export interface Logger {
  /** Logs `message` at warning level with structured `data`. */
  warn(data: object, message: string): void;
  /** Logs `message` at info level with structured `data` (the deploy summary line). */
  info(data: object, message: string): void;
}

/** A logger that drops everything (the default). */
export const silentLogger: Logger = { warn: () => {}, info: () => {} };
