// `pnpm bench` entry for @deployment-sets/local: each module runs its cases when imported and prints one
// `BENCH {json}` line per case on stdout.
await import("./catalog-load.js");
await import("./deploy.js");
