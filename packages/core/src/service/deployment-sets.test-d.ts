import { describe, expectTypeOf, it } from "vitest";
import type { DeployReport } from "../ports/deployer.js";
import type { Resolution } from "../resolver/resolve.js";
import { MemoryCatalog } from "../memory/memory-catalog.js";
import { MemoryStore } from "../memory/memory-store.js";
import type { CreateSetInput } from "../domain/set-inputs.js";
import { DeploymentSets } from "./deployment-sets.js";
import type { MemberView, Page, SetDetails, SetSummary } from "./views.js";

const sets = new DeploymentSets({ store: new MemoryStore(), catalog: new MemoryCatalog() });
const owner = "alice";
const id = "0b7d5c2a9e8f4a6b8c1d3e5f7a9b0c2d";

describe("the library's inputs are typed and camelCase", () => {
  it("rejects a missing required field or a wrong one", () => {
    // @ts-expect-error: `name` is required
    void sets.createSet(owner, { description: "no name" });
    // @ts-expect-error: an unknown field
    void sets.createSet(owner, { name: "S", colour: "red" });
    // @ts-expect-error: `name` cannot be null on update
    void sets.updateSet(owner, id, { name: null });
    // @ts-expect-error: the library is camelCase; the wire's names are the server's
    void sets.deploy(owner, id, { project_path: "/p" });
    // @ts-expect-error: not a profile
    void sets.deploy(owner, id, { projectPath: "/p", profile: "vim" });
    // @ts-expect-error: limits are numbers, not query strings
    void sets.listSets(owner, { limit: "10" });
    // @ts-expect-error: not an artifact type
    void sets.listArtifacts({ type: "plugin" });
  });

  it("takes a member reference shaped like a member's ref", () => {
    void sets.addMember(owner, id, { ref: { type: "artifact", id: "a" } });
    void sets.addMember(owner, id, { ref: { type: "set", id }, position: 0 });
    // @ts-expect-error: the wire's field is not the library's
    void sets.addMember(owner, id, { nested_set_id: id });
    // @ts-expect-error: not a kind of reference
    void sets.addMember(owner, id, { ref: { type: "workflow", id } });
    // @ts-expect-error: the reference is required
    void sets.addMember(owner, id, { position: 1 });
  });

  it("accepts what callers naturally have: readonly tags, a member's ref, optional queries", async () => {
    const existing = await sets.getSet(owner, id);
    void sets.updateSet(owner, id, { tags: existing.tags });
    const member = existing.members[0]!;
    void sets.addMember(owner, id, { ref: member.ref });
    void sets.listSets(owner);
    expectTypeOf<CreateSetInput>().toEqualTypeOf<{
      name: string;
      description?: string | null | undefined;
      icon?: string | null | undefined;
      color?: string | null | undefined;
      tags?: readonly string[] | undefined;
    }>();
  });
});

describe("the library's outputs are camelCase domain objects", () => {
  it("answers each use case's view", () => {
    expectTypeOf(sets.createSet).returns.resolves.toEqualTypeOf<SetDetails>();
    expectTypeOf(sets.listSets).returns.resolves.toEqualTypeOf<Page<SetSummary>>();
    expectTypeOf(sets.addMember).returns.resolves.toEqualTypeOf<MemberView>();
    expectTypeOf(sets.resolve).returns.resolves.toEqualTypeOf<Resolution>();
    expectTypeOf(sets.deploy).returns.resolves.toEqualTypeOf<DeployReport>();
    expectTypeOf<SetDetails>().toHaveProperty("memberCount");
    expectTypeOf<DeployReport>().toHaveProperty("dryRun");
  });
});
