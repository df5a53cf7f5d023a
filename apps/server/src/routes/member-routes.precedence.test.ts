import { describe, expect, it } from "vitest";
import { ADAPTERS, type TestServer } from "../../test/harness.js";
import { api, art, expectProblem, expectValidation, UNKNOWN_ID } from "../../test/fixtures.js";
import { membersUrl, memberUrl, startServerForBlock } from "./route-test-helpers.js";

describe.each(ADAPTERS)("members over HTTP (%s)", (adapter) => {
  let server: TestServer;
  let a: ReturnType<typeof api>;
  startServerForBlock(adapter, (started) => ({ server, a } = started));
  /** A POST to a set's members with a raw body of the given content type. */
  const postRaw = (setId: string, contentType: string, payload: string) =>
    server.app.inject({ method: "POST", url: membersUrl(setId), headers: { "content-type": contentType }, payload });

  describe("precedence of errors", () => {
    it("415 before 422 and 404: a text body to an unknown set", async () => {
      const response = await postRaw(UNKNOWN_ID, "text/plain", "artifact_uuid");
      expectProblem(response, 415, "unsupported_media_type");
      const large = await postRaw(UNKNOWN_ID, "text/plain", "x".repeat(2 * 1024 * 1024));
      expectProblem(large, 415, "unsupported_media_type");
    });

    it("accepts application/json with a charset parameter", async () => {
      const set = await a.createSet("Charset");
      const response = await postRaw(set.id, "application/json; charset=utf-8", JSON.stringify({ artifact_uuid: art("review").uuid }));
      expect(response.statusCode, response.body).toBe(201);
    });

    it("413 for a body over 1 MiB, before 400, 422 and 404", async () => {
      const response = await postRaw(UNKNOWN_ID, "application/json", `{"artifact_uuid": "${"a".repeat(1024 * 1024)}"`);
      expectProblem(response, 413, "payload_too_large");
    });

    it("404 route_not_found for a method or path the API does not have", async () => {
      const set = await a.setWith("Routes", ["review"]);
      const [member] = await a.members(set.id);
      expectProblem(await server.request("GET", memberUrl(set.id, member!.id)), 404, "route_not_found");
      expectProblem(await server.request("POST", `${memberUrl(set.id, member!.id)}/move`, { position: 0 }), 404, "route_not_found");
    });

    it("400 malformed JSON before 422 and 404", async () => {
      const response = await postRaw(UNKNOWN_ID, "application/json", '{"artifact_uuid": ');
      expectProblem(response, 400, "malformed_json");
    });

    it("422 validation before 404 set", async () => {
      expectValidation(await server.request("POST", membersUrl(UNKNOWN_ID), {}), ["body.artifact_uuid", "body.group_id", "body.nested_set_id"]);
      expectValidation(await server.request("POST", membersUrl("not-a-set"), { artifact_uuid: UNKNOWN_ID, bogus: true }), ["body.bogus"]);
      for (const method of ["PUT", "PATCH"] as const) {
        expectValidation(await server.request(method, memberUrl(UNKNOWN_ID, UNKNOWN_ID), { position: -1 }), ["body.position"]);
      }
    });

    it("422 validation before 404 member", async () => {
      const set = await a.setWith("Validation before member", ["review"]);
      for (const method of ["PUT", "PATCH"] as const) {
        expectValidation(await server.request(method, memberUrl(set.id, UNKNOWN_ID), { position: "x" }), ["body.position"]);
      }
    });

    it("404 set before 404 member", async () => {
      const owner = await a.setWith("Member elsewhere", ["review"]);
      const [member] = await a.members(owner.id);
      for (const memberId of [UNKNOWN_ID, member!.id]) {
        for (const [method, body] of [["DELETE", undefined], ["PUT", { position: 0 }], ["PATCH", { position: 0 }]] as const) {
          expectProblem(await server.request(method, memberUrl(UNKNOWN_ID, memberId), body), 404, "set_not_found", { set_id: UNKNOWN_ID });
        }
      }
    });

    it("404 set before 422 unknown_reference", async () => {
      for (const body of [{ artifact_uuid: UNKNOWN_ID }, { group_id: UNKNOWN_ID }, { nested_set_id: UNKNOWN_ID }]) {
        expectProblem(await server.request("POST", membersUrl(UNKNOWN_ID), body), 404, "set_not_found", { set_id: UNKNOWN_ID });
      }
    });

    it("404 set before 422 cycle_detected (a set inside itself, unknown)", async () => {
      expectProblem(await server.request("POST", membersUrl(UNKNOWN_ID), { nested_set_id: UNKNOWN_ID }), 404, "set_not_found", { set_id: UNKNOWN_ID });
    });

    it("a nested set already held is 409 duplicate_member, not a cycle", async () => {
      const [top, bottom] = await a.chain("Dup not cycle", 2);
      const [member] = await a.members(top!.id);
      expectProblem(await server.request("POST", membersUrl(top!.id), { nested_set_id: bottom!.id }), 409, "duplicate_member", { member_id: member!.id });
    });
  });
});
