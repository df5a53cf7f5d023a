import { progressFor } from "@deployment-sets/bench-fixtures";

/** Human-readable progress of core's bench, on stderr. */
export const progress = progressFor("bench");
