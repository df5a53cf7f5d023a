/**
 * The real server (real store, the example collection, the filesystem deployer) listening on a loopback port with a
 * fresh database, for the suites that talk to it over HTTP: the SDK's and the README examples'. The server's own
 * suites drive the app with `inject` through their own harness.
 *
 * @packageDocumentation
 */
export { ADAPTERS, freshDatabase, startLiveServer, type FreshDatabase, type LiveServer, type LiveServerOptions, type LiveToken } from "./live-server.js";
