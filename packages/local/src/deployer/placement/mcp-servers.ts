import type { DeployProfile } from "@deployment-sets/core";
import { ArtifactFormatError } from "./artifact-format-error.js";

/** One MCP server as an artifact defines it: Claude Code's `.mcp.json` entry shape. */
export interface McpServer {
  /** The server's name: the key of `mcpServers`, or the artifact's name for a file holding one server. */
  readonly name: string;
  /** `command`/`args`/`env`/`cwd` for a local server; `type`/`url`/`headers` for a remote one. */
  readonly definition: Readonly<Record<string, unknown>>;
}

/**
 * The servers of an MCP artifact's `mcp.json`: an `mcpServers` map, or one server (`command` or `url` at the top)
 * named after the artifact.
 * @throws ArtifactFormatError when it is not such a document
 */
export function parseMcpDefinition(text: string, artifactName: string): McpServer[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new ArtifactFormatError(`mcp.json does not parse: ${(error as Error).message}`);
  }
  if (!isObject(document)) throw new ArtifactFormatError("mcp.json must hold an object");
  const servers = isObject(document["mcpServers"]) ? Object.entries(document["mcpServers"]) : [[artifactName, document] as const];
  if (servers.length === 0) throw new ArtifactFormatError("mcp.json defines no server");
  return servers.map(([name, definition]) => {
    if (!isObject(definition)) throw new ArtifactFormatError(`mcp.json: the server ${name} is not an object`);
    if (typeof definition["command"] !== "string" && typeof definition["url"] !== "string") {
      throw new ArtifactFormatError(`mcp.json: the server ${name} has neither a command nor a url`);
    }
    return { name, definition };
  });
}

/**
 * The server's entry in an assistant's own format (its documented keys only):
 * - Claude Code (`.mcp.json`): as defined; a `url` without `type` is `type: "http"`.
 * - Cursor (`.cursor/mcp.json`): `command`/`args`/`env` or `url`/`headers`; `${VAR}` becomes Cursor's `${env:VAR}`.
 * - Gemini CLI (`.gemini/settings.json`): `command`/`args`/`env`/`cwd`, or `httpUrl` (streamable HTTP) or `url`
 *   (SSE) with `headers`; it expands `${VAR}` itself.
 * - Codex (`.codex/config.toml`): `command`/`args`/`env`/`cwd` or `url`; Codex expands no variables, so an
 *   environment value `${NAME}` passed under its own name becomes `env_vars`, an `Authorization: Bearer ${VAR}`
 *   header `bearer_token_env_var`, a header `${VAR}` `env_http_headers`; any other variable is an error.
 * @throws ArtifactFormatError when the server cannot be written for that assistant
 */
export function mcpEntry(profile: DeployProfile, server: McpServer): Record<string, unknown> {
  const d = server.definition;
  const remote = typeof d["url"] === "string";
  const type = typeof d["type"] === "string" ? d["type"] : remote ? "http" : "stdio";
  switch (profile) {
    case "claude_code":
      return remote && d["type"] === undefined ? { type: "http", ...d } : { ...d };
    case "cursor":
      return mapStrings(remote ? pick(d, ["url", "headers"]) : pick(d, ["command", "args", "env"]), (s) => s.replace(/\$\{(?!env:)([A-Za-z_][A-Za-z0-9_]*)\}/g, "${env:$1}"));
    case "gemini":
      if (!remote) return pick(d, ["command", "args", "env", "cwd"]);
      return { [type === "sse" ? "url" : "httpUrl"]: d["url"], ...pick(d, ["headers"]) };
    case "codex":
      return remote ? codexRemote(server, type) : codexLocal(server);
  }
}

function codexLocal(server: McpServer): Record<string, unknown> {
  const d = server.definition;
  const entry: Record<string, unknown> = { command: literal(server, "command", d["command"]) };
  if (Array.isArray(d["args"])) entry["args"] = d["args"].map((arg) => literal(server, "args", arg));
  const env: Record<string, string> = {};
  const envVars: string[] = [];
  for (const [name, value] of Object.entries(isObject(d["env"]) ? d["env"] : {})) {
    if (typeof value === "string" && value === `\${${name}}`) envVars.push(name);
    else env[name] = literal(server, `env.${name}`, value);
  }
  if (Object.keys(env).length > 0) entry["env"] = env;
  if (envVars.length > 0) entry["env_vars"] = envVars;
  if (typeof d["cwd"] === "string") entry["cwd"] = literal(server, "cwd", d["cwd"]);
  return entry;
}

function codexRemote(server: McpServer, type: string): Record<string, unknown> {
  if (type === "sse") throw new ArtifactFormatError(`the server ${server.name} uses SSE; Codex connects to streamable HTTP and local servers only`);
  const entry: Record<string, unknown> = { url: literal(server, "url", server.definition["url"]) };
  const literalHeaders: Record<string, string> = {};
  const envHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(isObject(server.definition["headers"]) ? server.definition["headers"] : {})) {
    const text = String(value);
    const bearer = /^Bearer \$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(text);
    const whole = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(text);
    if (bearer && name.toLowerCase() === "authorization") entry["bearer_token_env_var"] = bearer[1];
    else if (whole) envHeaders[name] = whole[1]!;
    else literalHeaders[name] = literal(server, `headers.${name}`, text);
  }
  if (Object.keys(literalHeaders).length > 0) entry["http_headers"] = literalHeaders;
  if (Object.keys(envHeaders).length > 0) entry["env_http_headers"] = envHeaders;
  return entry;
}

/** A value Codex takes literally: a string without `${...}`. */
function literal(server: McpServer, field: string, value: unknown): string {
  const text = String(value);
  const variable = /\$\{[^}]*\}/.exec(text);
  if (variable) throw new ArtifactFormatError(`the server ${server.name} uses ${variable[0]} in ${field}; Codex does not expand variables there`);
  return text;
}

function pick(object: Readonly<Record<string, unknown>>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (object[key] !== undefined) out[key] = object[key];
  return out;
}

/** `value` with every string inside it (at any depth) mapped. */
function mapStrings<T>(value: T, map: (text: string) => string): T {
  if (typeof value === "string") return map(value) as T;
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map)) as T;
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, map)])) as T;
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
