// The settings the server and the CLI's embedded mode read from the environment, and opening the store they name.
// Private: bundled into whatever uses it, never published.
export { ConfigError } from "./config-error.js";
export { databaseSettings, describeDatabase, type DatabaseConfig } from "./database-settings.js";
export { LOCAL_OWNER, loadLocalSettings, type LocalSettings } from "./local-settings.js";
export { openStore } from "./open-store.js";
export { readVariable } from "./read-variable.js";
