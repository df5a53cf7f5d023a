import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DeploymentSets, MemoryStore } from "@deployment-sets/core";
import { CollectionCatalog, FilesystemDeployer } from "@deployment-sets/local";

// A collection in SkillMeat's format, and a project folder to deploy into.
const catalog = await CollectionCatalog.open({ root: process.env.DS_COLLECTION ?? "examples/starter-collection" });
const project = await mkdtemp(join(tmpdir(), "my-app-"));

const sets = new DeploymentSets({
  store: new MemoryStore(), // or SqliteStore (@deployment-sets/store-sqlite), PostgresStore (@deployment-sets/store-postgres)
  catalog,
  deployer: new FilesystemDeployer({ collectionRoot: catalog.root, allowedRoots: [project] }),
});
const owner = "alice";

// Two sets, one nested in the other.
const [reviewer] = (await sets.listArtifacts({ q: "code-reviewer" })).items;
if (!reviewer) throw new Error("the collection has no code-reviewer");
const backend = await sets.createSet(owner, { name: "Backend", tags: ["api"] });
await sets.addMember(owner, backend.id, { ref: { type: "artifact", id: reviewer.uuid } });
const fullStack = await sets.createSet(owner, { name: "Full-stack" });
await sets.addMember(owner, fullStack.id, { ref: { type: "set", id: backend.id } });

// Resolve: one ordered, de-duplicated list, each artifact with the path that brought it in.
const { artifacts } = await sets.resolve(owner, fullStack.id);
for (const artifact of artifacts) console.log(`${artifact.name} (via ${artifact.sourcePath.join(" > ")})`);

// Plan the deploy: what would be written where, writing nothing.
const plan = await sets.deploy(owner, fullStack.id, { projectPath: project, profile: "claude_code", dryRun: true });
for (const result of plan.results) console.log(`${result.action}: ${result.path}`);

catalog.close();
