import type { LightMyRequestResponse } from "fastify";
import { expect } from "vitest";

/**
 * Asserts an RFC 9457 problem response (the API's documented error format): the status, `application/problem+json`,
 * and a body with non-empty `type`, `title` and `detail`, the same `status` and the stable `code`. Returns the body.
 */
export function expectProblem(response: LightMyRequestResponse, status: number, code: string): Record<string, unknown> {
  expect(response.statusCode, `${code}: ${response.body.slice(0, 300)}`).toBe(status);
  expect(response.headers["content-type"]).toMatch(/^application\/problem\+json(;|$)/);
  const body = response.json();
  expect(body).toMatchObject({ status, code, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  for (const field of ["type", "title", "detail"]) expect((body[field] as string).trim().length, field).toBeGreaterThan(0);
  return body as Record<string, unknown>;
}
