import fastJson from "fast-json-stringify";
import type { FastifySerializerCompiler } from "fastify";
import { z } from "zod";

/**
 * Compiles each route's zod response schema into a fast-json-stringify serializer (through its JSON Schema):
 * only the fields a DTO declares are written, so nothing outside it can leak, at a fraction of the cost of
 * validating every response with zod.
 */
export const dtoSerializerCompiler: FastifySerializerCompiler<z.ZodType> = ({ schema }) => {
  const jsonSchema = z.toJSONSchema(schema, { io: "output", target: "draft-07", metadata: z.registry(), unrepresentable: "any" });
  return fastJson(jsonSchema as Parameters<typeof fastJson>[0]);
};
