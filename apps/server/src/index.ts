export { buildApp, type AppOptions } from "./app.js";
export { loadConfig, ConfigError, EXAMPLE_COLLECTION, type ServerConfig, type DatabaseConfig } from "./config.js";
export { createServer, type Server } from "./server.js";
export { ERROR_STATUS } from "@deployment-sets/wire";
export { TokenRegistry, type Grant } from "./http/token-registry.js";
