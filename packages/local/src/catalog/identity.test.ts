import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { derivedArtifactId, groupId } from "./identity.js";

const sha32 = (text: string) => createHash("sha256").update(Buffer.from(text, "utf8")).digest("hex").slice(0, 32);

describe("identity", () => {
  it.each([
    ["skill", "pdf"],
    ["command", "review"],
    ["mcp", "postgres"],
    ["agent", "écrivain-文档"],
  ] as const)("derives the id of %s:%s from SHA-256 of artifact:<type>:<name>", (type, name) => {
    expect(derivedArtifactId(type, name)).toBe(sha32(`artifact:${type}:${name}`));
    expect(derivedArtifactId(type, name)).toMatch(/^[0-9a-f]{32}$/);
  });

  it("is pinned: these ids are persisted in member rows and must never change", () => {
    expect(derivedArtifactId("skill", "pdf")).toBe("b7ba712f97efec681702cdeba1e48e65");
    expect(groupId("Backend essentials")).toBe("d48c9e4e0ae988a29bec3e53a4330816");
  });

  it("tells types apart", () => {
    expect(derivedArtifactId("skill", "review")).not.toBe(derivedArtifactId("command", "review"));
  });

  it("derives a group's id from SHA-256 of group:<name>", () => {
    expect(groupId("Docs toolkit")).toBe(sha32("group:Docs toolkit"));
  });
});
