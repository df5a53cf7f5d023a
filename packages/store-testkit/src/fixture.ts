import { DeploymentSets, type DeploymentSet, type Member, type MemberRef, type OwnerId } from "@deployment-sets/core";
import type { DeploymentSetStore, IdGenerator, NewSet } from "@deployment-sets/core/ports";
import { testCatalog } from "./fixtures/catalog.js";
import { acceptAt } from "./fixtures/decisions.js";
import { newOwnerId, sequentialIds } from "./fixtures/ids.js";
import { TestClock } from "./fixtures/test-clock.js";

/**
 * What one conformance test works with: the feature's shared store, two fresh owners nobody else uses, a
 * stopped clock, predictable ids and the service over all of them. Internal to the suite.
 */
export interface ConformanceFixture {
  readonly store: DeploymentSetStore;
  /** The owner the test acts as. */
  readonly owner: OwnerId;
  /** A second owner, for isolation checks. */
  readonly otherOwner: OwnerId;
  readonly clock: TestClock;
  readonly ids: IdGenerator;
  /** The real service over `store`, the test catalog, `clock` and `ids`. */
  readonly service: DeploymentSets;
  /** Creates a set through the raw store (`createdAt` = the clock's now). */
  newSet(fields?: Partial<NewSet>, owner?: OwnerId): Promise<DeploymentSet>;
  /** Adds a member through the raw store with a decide that accepts it at `position` (default: appends). */
  add(setId: string, ref: MemberRef, options?: { readonly position?: number; readonly owner?: OwnerId }): Promise<Member>;
  /** The ids of the set's members, in position order. */
  memberIds(setId: string, owner?: OwnerId): Promise<string[]>;
}

/** A fresh fixture over `store`. */
export function createFixture(store: DeploymentSetStore): ConformanceFixture {
  const owner = newOwnerId();
  const clock = new TestClock();
  const ids = sequentialIds();
  const service = new DeploymentSets({ store, catalog: testCatalog(), clock: clock.read, ids });
  return {
    store,
    owner,
    otherOwner: newOwnerId(),
    clock,
    ids,
    service,
    newSet: (fields = {}, as = owner) =>
      store.createSet(as, {
        id: ids(),
        name: "Set",
        description: null,
        icon: null,
        color: null,
        tags: [],
        createdAt: clock.now(),
        ...fields,
      }),
    add: (setId, ref, options = {}) =>
      store.addMember(options.owner ?? owner, setId, { id: ids(), ref, addedAt: clock.now() }, acceptAt(options.position)),
    memberIds: async (setId, as = owner) => (await store.listMembers(as, setId)).map((member) => member.id),
  };
}
