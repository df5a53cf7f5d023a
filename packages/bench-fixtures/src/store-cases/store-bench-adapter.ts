import type { FixtureCatalogView } from "../catalog-view.js";
import type { Progress } from "../harness/progress.js";
import type { Fixture, FixtureMemberRef, FixtureSet } from "../types.js";
import type { LevelQuery } from "./level-by-level.js";

/** What the store cases read of a core `Resolution`. */
export interface StoreResolution {
  /** The resolved artifacts, in order. */
  readonly artifacts: readonly unknown[];
  /** Sets on the longest chain, the root included. */
  readonly depth: number;
}

/** Core's `resolveSet`, as the store cases call it; the adapter passes it in (this package depends on nothing). */
export type ResolveSet = (graph: ReadonlyMap<string, FixtureSet>, catalog: FixtureCatalogView, rootId: string) => StoreResolution;

/** The adapter's store, initialised and loaded: what `store.resolve.large` measures. */
export interface StoreUnderBench {
  /** `DeploymentSetStore.loadGraph`: everything reachable from `rootIds`, in one round trip. */
  loadGraph(owner: string, rootIds: readonly string[]): Promise<{ readonly sets: ReadonlyMap<string, FixtureSet> }>;
}

/** Core's `DeploymentSets` over the adapter's store and the fixture's catalog: what `store.add_member` measures. */
export interface ServiceUnderBench {
  /** Adds a member; rejects with an error carrying a `code` (e.g. `cycle_detected`) when it may not. */
  addMember(owner: string, setId: string, input: { readonly ref: FixtureMemberRef }): Promise<unknown>;
}

/** What {@link StoreBenchAdapter.open} hands back to the cases. */
export interface OpenedStore {
  /** The store under test. */
  readonly store: StoreUnderBench;
  /** The service over that store. */
  readonly service: ServiceUnderBench;
  /** The level-by-level baseline's raw query, on its own connection to the same database. */
  readonly queryLevel: LevelQuery;
}

/** Figures of `store.resolve.large` an adapter may print besides the shared ones (medians, rounded to a µs). */
export interface StoreResolveStats {
  /** `loadGraph`'s part of our runs. */
  readonly loadGraphMs: number;
  /** `resolveSet`'s part of our runs. */
  readonly resolveSetMs: number;
  /** This process's CPU time per run of ours (not a database server's). */
  readonly cpuMs: number;
  /** The same for the baseline's runs. */
  readonly baselineCpuMs: number;
}

/** Figures of `store.add_member` an adapter may print besides the shared ones. */
export interface StoreAddMemberStats {
  /** The heaviest add: the root into a deepest set, a cycle whose check walks the whole graph (one run). */
  readonly wholeGraphCheckMs: number;
}

/**
 * One store adapter's part of its benchmarks: its name and targets, how to open and load a store, and which of
 * the extra figures its lines carry. `runStoreBench` does the rest, the same for every adapter.
 */
export interface StoreBenchAdapter {
  /** The lines' `adapter` field (`sqlite`, `postgres`); progress goes out as `[bench store-<name>]`. */
  readonly name: string;
  /** The medians each case must stay under, in milliseconds. */
  readonly targets: { readonly resolveMs: number; readonly addMemberMs: number };
  /** The extra fields of this adapter's `store.resolve.large` line. */
  resolveFields(stats: StoreResolveStats): Readonly<Record<string, number>>;
  /** The extra fields of this adapter's `store.add_member` line. */
  addMemberFields(stats: StoreAddMemberStats): Readonly<Record<string, number>>;
  /** Core's `resolveSet`. */
  readonly resolveSet: ResolveSet;
  /**
   * Initialises the adapter's store in a fresh database, bulk-loads `fixture`'s sets for `owner` and opens the
   * baseline's connection. The adapter closes them all once `runStoreBench` settles.
   */
  open(fixture: Fixture, owner: string): Promise<OpenedStore>;
}

/** What each store case works on. */
export interface StoreBenchContext {
  /** The adapter benchmarked. */
  readonly adapter: StoreBenchAdapter;
  /** Its store, loaded with `fixture`. */
  readonly opened: OpenedStore;
  /** The 10,000-set random DAG, loaded for `owner`. */
  readonly fixture: Fixture;
  /** The owner of every loaded set. */
  readonly owner: string;
  /** The bench's progress printer. */
  readonly progress: Progress;
}
