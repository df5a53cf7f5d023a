import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CliError } from "../cli-error.js";
import { EXIT } from "../exit-codes.js";
import type { Backend } from "./backend.js";

/** Where the CLI runs against: `--server`, else `DS_SERVER`, else embedded. */
export interface BackendChoice {
  readonly server?: string | undefined;
  readonly env: NodeJS.ProcessEnv;
}

/** The example collection, found only when the CLI runs from the repository (an npm install has none beside it). */
function exampleCollection(): string | undefined {
  const path = fileURLToPath(new URL("../../../examples/starter-collection", import.meta.url));
  return existsSync(path) ? path : undefined;
}

const NO_COLLECTION = new CliError("no collection found", EXIT.usage, undefined, [
  "set DS_COLLECTION to your collection folder (the folder holding collection.toml),",
  "or keep SkillMeat's default collection in ~/.skillmeat/collections/default",
]);

/**
 * Opens the backend the options pick: remote through the SDK when a server is named (with `DS_TOKEN`), else
 * embedded on the database and collection `npm start` uses (`DATABASE_URL`, `DS_COLLECTION`, `DS_PROJECT_ROOTS`).
 * Only the parts the mode needs are loaded.
 */
export async function openBackend(choice: BackendChoice): Promise<Backend> {
  const server = choice.server ?? (choice.env.DS_SERVER || undefined);
  if (server !== undefined) {
    if (!URL.canParse(server) || !/^https?:$/.test(new URL(server).protocol)) {
      throw new CliError(`--server: not an http(s) URL: ${JSON.stringify(server)}`, EXIT.usage);
    }
    const { remoteBackend } = await import("./remote-backend.js");
    return remoteBackend({ baseUrl: server, token: choice.env.DS_TOKEN || undefined });
  }
  const { describeDatabase, loadLocalSettings, openStore } = await import("@deployment-sets/settings");
  const settings = loadLocalSettings(choice.env);
  let store;
  try {
    store = await openStore(settings.database);
  } catch (error) {
    const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    throw new CliError(`cannot open ${describeDatabase(settings.database)}: ${reason}`, EXIT.unreachable, undefined, [
      "DATABASE_URL names the database",
    ]);
  }
  const { embeddedBackend } = await import("./embedded-backend.js");
  return embeddedBackend({
    store,
    collection: settings.collection ?? exampleCollection(),
    missingCollection: NO_COLLECTION,
    projectRoots: settings.projectRoots ?? [settings.home],
  });
}
