import { createClient, isDeploymentSetsApiError } from "@deployment-sets/client";

// `npm start` serves the API on this address; a team's server may need a token (DS_AUTH=token).
const client = createClient({ baseUrl: process.env.DS_SERVER ?? "http://127.0.0.1:8080", token: process.env.DS_TOKEN });

// Two sets, one nested in the other.
const [reviewer] = (await client.artifacts.list({ q: "code-reviewer" })).items;
if (!reviewer) throw new Error("the collection has no code-reviewer");
const backend = await client.sets.create({ name: "Backend", tags: ["api"] });
await client.sets.members.add(backend.id, { artifact_uuid: reviewer.uuid });
const fullStack = await client.sets.create({ name: "Full-stack" });
await client.sets.members.add(fullStack.id, { nested_set_id: backend.id });

// Resolve, then plan the deploy into a project folder (inside the server's DS_PROJECT_ROOTS).
const resolution = await client.sets.resolve(fullStack.id);
for (const artifact of resolution.resolved_artifacts) {
  console.log(`${artifact.artifact_name} (via ${artifact.source_path.join(" > ")})`);
}
const plan = await client.sets.deploy(fullStack.id, { project_path: process.env.DS_PROJECT ?? process.cwd(), dry_run: true });
for (const result of plan.results) console.log(`${result.action}: ${result.path}`);

// Errors carry the server's stable code: nesting Full-stack inside Backend would close a cycle.
try {
  await client.sets.members.add(backend.id, { nested_set_id: fullStack.id });
} catch (error) {
  if (!isDeploymentSetsApiError(error, "cycle_detected")) throw error;
  console.log(`rejected: ${error.problem.set_names?.join(" > ")}`);
}
