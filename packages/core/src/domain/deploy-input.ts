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
  /** Overwrite local changes and conflicts; default `false`. */
  force: z.boolean().default(false),
});

/**
 * The input of {@link DeploymentSets.deploy}.
 * @useDeclaredType
 */
export type DeployInput = z.input<typeof DeployInput>;
