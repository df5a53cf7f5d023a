export * from "./catalog/index.js";
export * from "./deployer/index.js";
