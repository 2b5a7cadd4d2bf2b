import * as v from 'valibot';

/** The body OpenAI sends with an error status: `{ error: { message, type, param, code } }`. */
export const ApiErrorBodySchema = /* @__PURE__ */ (() =>
  // Pure IIFE: bundlers drop it when unused, whatever it spreads or calls inside.
  v.looseObject({
    error: v.looseObject({
      message: v.string(),
      type: v.string(),
      param: v.nullish(v.string()),
      code: v.nullish(v.union([v.string(), v.number()])),
    }),
  }))();

/** The body OpenAI sends with an error status. */
export type ApiErrorBody = v.InferOutput<typeof ApiErrorBodySchema>;
