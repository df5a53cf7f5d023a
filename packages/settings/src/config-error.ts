/** A bad environment variable: the message starts with its name. */
export class ConfigError extends Error {
  override name = "ConfigError";
}
