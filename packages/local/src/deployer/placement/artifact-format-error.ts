/** An artifact's definition cannot be deployed for an assistant: malformed, or not expressible in its format. */
export class ArtifactFormatError extends Error {
  /** Always `"ArtifactFormatError"`. */
  override name = "ArtifactFormatError";
}
