import { z } from "zod";
import { ProjectPath } from "./fields.js";
import { DEPLOY_PROFILES } from "./model.js";

/** What {@link DeploymentSets.deploy} takes. */
export const DeployInput = z.strictObject({
  /** Absolute path of the project folder to deploy into. */
  projectPath: ProjectPath,
  /** The assistant layout to deploy to; default `"claude_code"`. */
  profile: z.enum(DEPLOY_PROFILES).default("claude_code"),
  /** Report what would happen without writing anything; default `false`. */
  dryRun: z.boolean().default(false),
  /** Overwrite local changes and conflicts, keeping a backup of what is replaced; default `false`. */
  force: z.boolean().default(false),
  /**
   * Also remove what this set deployed there earlier and no longer holds (else reported `stale`); default `false`.
   * Nothing is pruned while the set has references the catalog cannot resolve (`missing`).
   */
  prune: z.boolean().default(false),
});

/** What {@link DeploymentSets.undeploy} takes: the same names as a deploy's. */
export const UndeployInput = z.strictObject({
  /** Absolute path of the project folder the set was deployed into. */
  projectPath: ProjectPath,
  /** The assistant layout it was deployed for; default `"claude_code"`. */
  profile: z.enum(DEPLOY_PROFILES).default("claude_code"),
  /** Report what would happen without removing anything; default `false`. */
  dryRun: z.boolean().default(false),
  /** Remove what the user changed too, keeping a backup; default `false` (kept and reported). */
  force: z.boolean().default(false),
});

/** What {@link DeploymentSets.inventory} takes: a project folder and a profile. */
export const InventoryQuery = z.strictObject({
  /** Absolute path of the project folder. */
  projectPath: ProjectPath,
  /** The assistant layout; default `"claude_code"`. */
  profile: z.enum(DEPLOY_PROFILES).default("claude_code"),
});

/**
 * The input of {@link DeploymentSets.deploy}.
 * @useDeclaredType
 */
export type DeployInput = z.input<typeof DeployInput>;
/**
 * The input of {@link DeploymentSets.undeploy}.
 * @useDeclaredType
 */
export type UndeployInput = z.input<typeof UndeployInput>;
/**
 * The query of {@link DeploymentSets.inventory}.
 * @useDeclaredType
 */
export type InventoryQuery = z.input<typeof InventoryQuery>;
