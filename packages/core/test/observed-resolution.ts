/** Projects a core {@link Resolution} onto what the reference model predicts, for `toEqual` comparisons. */
import type { Resolution } from "../src/resolver/resolve.js";
import type { ModelResolution } from "./reference-model.js";

/** The fields of `resolution` that the documented resolution rules pin (each artifact's catalog object included). */
export function observedResolution(resolution: Resolution): ModelResolution {
  const { setId, setName, duplicatesDropped, missing, depth } = resolution;
  const artifacts = resolution.artifacts.map(({ uuid, name, type, sourcePath, artifact }) => ({
    uuid,
    name,
    type,
    sourcePath,
    artifact,
  }));
  return { setId, setName, artifacts, duplicatesDropped, missing, depth };
}
