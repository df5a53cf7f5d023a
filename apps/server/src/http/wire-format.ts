import { safeParseInput } from "@deployment-sets/core";
import type { FastifyInstance } from "fastify";
import type { z } from "zod";
import { HttpError } from "@deployment-sets/wire";
import { dtoSerializerCompiler } from "./serializer.js";

/**
 * How the app reads and writes the wire: request bodies and query strings parsed with the zod wire schemas into the
 * library's inputs, answers serialized from the DTO schemas, and `application/json` as the only body type.
 *
 * @param app - the app being built
 */
export function installWireFormat(app: FastifyInstance): void {
  // Bodies and query strings are parsed with the wire schemas into the library's inputs (Fastify runs this after
  // authentication and body parsing, so the error precedence holds); field errors name the wire's fields. Path
  // ids are never rejected: a malformed id is simply not found.
  app.setValidatorCompiler(({ schema, httpPart }) => {
    if (httpPart === "params") return (data) => ({ value: data });
    const source = httpPart === "querystring" ? "query" : "body";
    return (data) => {
      const result = safeParseInput(schema as z.ZodType, data, source);
      return result.success ? { value: result.data } : { error: result.error };
    };
  });
  app.setSerializerCompiler(dtoSerializerCompiler);

  app.removeAllContentTypeParsers();
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_request, body, done) => {
    const text = typeof body === "string" ? body : body.toString("utf8");
    if (text.trim() === "") return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new HttpError("malformed_json", "The request body is not valid JSON"), undefined);
    }
  });
}
