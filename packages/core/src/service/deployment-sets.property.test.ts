import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DeploymentSet, Member, OwnerId } from "../domain/model.js";
import { isDeploymentSetsError } from "../errors/deployment-sets-error.js";
import { MemoryCatalog } from "../memory/memory-catalog.js";
import { MemoryStore } from "../memory/memory-store.js";
import type { CatalogView, GraphSet, SetGraph } from "../resolver/graph.js";
import { expectEqual } from "../../test/expect-equal.js";
import { observedResolution } from "../../test/observed-resolution.js";
import { hasEdge, isAcyclic, referenceResolve } from "../../test/reference-model.js";
import { ARTIFACTS, GROUPS, OWNERS, opArb, toCommand, type IssuedIds } from "../../test/service-commands.js";
import { ServiceModel, type Command, type CommandResult } from "../../test/service-model.js";
import { DeploymentSets } from "./deployment-sets.js";

/** Most live sets per owner: creates and clones beyond it are skipped, so brute force stays cheap. */
const MAX_SETS = 8;
const CATALOG_VIEW: CatalogView = {
  artifacts: new Map(ARTIFACTS.map((a) => [a.uuid, a])),
  groups: new Map(GROUPS.map((g) => [g.id, g])),
};

type Dump = Record<OwnerId, { set: DeploymentSet; members: Member[] }[]>;

/** Everything the store holds for every owner, read through the store port. */
async function dump(store: MemoryStore): Promise<Dump> {
  const out: Dump = {};
  for (const owner of OWNERS) {
    const { items } = await store.listSets(owner, { limit: 10_000, offset: 0 });
    out[owner] = await Promise.all(
      items.map(async (set) => ({ set, members: await store.listMembers(owner, set.id) })),
    );
  }
  return out;
}

/** A fresh service over an empty store, with a clock that ticks 1 ms per call and sequential ids. */
function fixture() {
  let now = Date.UTC(2025, 0, 1);
  let next = 0;
  const store = new MemoryStore();
  const service = new DeploymentSets({
    store,
    catalog: new MemoryCatalog({ artifacts: ARTIFACTS, groups: GROUPS }),
    clock: () => new Date(now++),
    ids: () => (++next).toString(16).padStart(32, "0"),
  });
  const model = new ServiceModel(new Set(CATALOG_VIEW.artifacts.keys()), new Set(CATALOG_VIEW.groups.keys()));
  const issued: IssuedIds = { sets: [], members: [] };
  return { store, service, model, issued };
}
type Fixture = ReturnType<typeof fixture>;

/** Runs `command` through the service; returns what the model needs of the answer. */
async function run({ service, issued }: Fixture, command: Command): Promise<CommandResult> {
  const { owner } = command;
  switch (command.kind) {
    case "create": {
      const set = await service.createSet(owner, { name: command.name });
      issued.sets.push(set.id);
      return { id: set.id };
    }
    case "add": {
      const input = { ref: command.ref, ...(command.position === undefined ? {} : { position: command.position }) };
      const member = await service.addMember(owner, command.setId, input);
      expect(member.ref).toEqual(command.ref);
      issued.members.push(member.id);
      return { position: member.position, memberIds: [member.id] };
    }
    case "remove":
      await service.removeMember(owner, command.setId, command.memberId);
      return {};
    case "move": {
      const member = await service.moveMember(owner, command.setId, command.memberId, { position: command.position });
      return { position: member.position };
    }
    case "delete":
      await service.deleteSet(owner, command.setId);
      return {};
    case "clone": {
      const body = command.name === undefined ? undefined : { name: command.name };
      const clone = await service.cloneSet(owner, command.setId, body);
      issued.sets.push(clone.id);
      issued.members.push(...clone.members.map((m) => m.id));
      return { id: clone.id, memberIds: clone.members.map((m) => m.id) };
    }
    case "update":
      await service.updateSet(owner, command.setId, command.patch);
      return {};
  }
}

/** The owner's sets in `state` as a graph (what the store really holds). */
function storedGraph(state: Dump, owner: OwnerId): SetGraph {
  return new Map(
    state[owner]!.map(({ set, members }): [string, GraphSet] => [set.id, { id: set.id, name: set.name, members }]),
  );
}

/** Runs one command and checks the outcome, the state and every invariant against the model. */
async function step(fx: Fixture, command: Command): Promise<void> {
  const { model, service, store } = fx;
  const before = await dump(store);
  const rejection = model.expect(command);
  let result: CommandResult | undefined;
  let error: unknown;
  try {
    result = await run(fx, command);
  } catch (caught) {
    error = caught;
  }
  const after = await dump(store);

  if (rejection) {
    expect(isDeploymentSetsError(error), `expected ${rejection.code}, got ${String(error)}`).toBe(true);
    const { code, data } = error as { code: string; data: Record<string, unknown> };
    expect(code).toBe(rejection.code);
    if (rejection.data) expect(data).toEqual(rejection.data);
    if (code === "cycle_detected" && command.kind === "add") {
      const { path, setNames } = data as { path: string[]; setNames: string[] };
      const graph = model.graph(command.owner);
      expect([path[0], path[1], path.at(-1)]).toEqual([command.setId, command.ref.id, command.setId]);
      for (let i = 1; i + 1 < path.length; i++) expect(hasEdge(graph, path[i]!, path[i + 1]!)).toBe(true);
      expect(path.length).toBe(rejection.cycleLength);
      expect(setNames).toEqual(path.map((id) => graph.get(id)!.name));
    }
    expectEqual(after, before);
  } else {
    if (error !== undefined) throw error;
    const touched = model.apply(command, result!);
    if (command.kind === "add" || command.kind === "move") {
      const id = command.kind === "add" ? result!.memberIds![0] : command.memberId;
      expect(result!.position).toBe(model.visible(command.owner, command.setId)!.members.findIndex((m) => m.id === id));
    }
    for (const owner of OWNERS) {
      for (const { set } of after[owner]!) {
        const old = before[owner]!.find((entry) => entry.set.id === set.id)?.set;
        if (!old) expect(set.updatedAt).toEqual(set.createdAt);
        else if (touched.includes(set.id)) expect(set.updatedAt.getTime()).toBeGreaterThan(old.updatedAt.getTime());
        else expect(set.updatedAt).toEqual(old.updatedAt);
      }
    }
  }

  for (const owner of OWNERS) {
    const actual = after[owner]!.map(({ set, members }) => {
      members.forEach((m, i) => expectEqual([m.position, m.setId], [i, set.id]));
      const { id, name, description, icon, color, tags } = set;
      return {
        id,
        owner: set.ownerId,
        name,
        description,
        icon,
        color,
        tags,
        members: members.map((m) => ({ id: m.id, ref: m.ref })),
      };
    });
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    expectEqual<unknown>(actual.sort(byId), model.setsOf(owner).sort(byId));
    expect(isAcyclic(storedGraph(after, owner))).toBe(true);
    const graph = model.graph(owner);
    for (const id of graph.keys()) {
      expectEqual(observedResolution(await service.resolve(owner, id)), referenceResolve(graph, CATALOG_VIEW, id));
    }
  }
}

/** The sets every sequence starts with (mostly alice's). */
const initialSet = fc.record({
  owner: fc.constantFrom("alice", "alice", "bob"),
  name: fc.constantFrom("Full-stack", "Backend"),
});

describe("DeploymentSets over MemoryStore against the reference model", () => {
  // A generous timeout: a run takes about a second, but shrinking a failure replays many sequences.
  it("keeps every state equal to the model after random operation sequences", { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(initialSet, { minLength: 2, maxLength: 5 }),
        fc.array(opArb, { minLength: 1, maxLength: 40, size: "max" }),
        async (initial, ops) => {
          const fx = fixture();
          const trace: string[] = [];
          const commands = [...initial.map((s) => ({ kind: "create" as const, ...s })), ...ops];
          for (const op of commands) {
            const command = toCommand(op, fx.model, fx.issued);
            const grows =
              command.kind === "create" || (command.kind === "clone" && fx.model.expect(command) === undefined);
            if (grows && fx.model.setsOf(command.owner).length >= MAX_SETS) continue;
            trace.push(JSON.stringify(command));
            try {
              await step(fx, command);
            } catch (failure) {
              throw new Error(`after commands:\n${trace.join("\n")}\n${String(failure)}`, { cause: failure });
            }
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
