import * as v from 'valibot';
import { InvalidParamsError, type ParamsIssue } from './errors';
import { type EndpointName, getEndpoint, type ParamsOf } from './registry';

/** The outcome of {@link validateParams}. */
export type ParamsValidation<TName extends EndpointName> =
  | { readonly success: true; readonly output: ParamsOf<TName> }
  | { readonly success: false; readonly issues: readonly [ParamsIssue, ...ParamsIssue[]] };

function toParamsIssue(issue: v.BaseIssue<unknown>): ParamsIssue {
  const first = issue.path?.[0];
  if (first === undefined) return { param: '', value: issue.input, message: issue.message };
  return { param: String(first.key), value: first.value, message: issue.message };
}

/**
 * Checks query parameters against an endpoint's rules without throwing.
 *
 * @param name The endpoint.
 * @param params The parameters to check.
 *
 * @returns The checked parameters, or every issue with the parameter it concerns.
 */
export function validateParams<TName extends EndpointName>(
  name: TName,
  params: unknown,
): ParamsValidation<TName> {
  const result = v.safeParse(getEndpoint(name).paramsSchema, params);
  if (result.success) return { success: true, output: result.output as ParamsOf<TName> };
  const [first, ...rest] = result.issues.map(toParamsIssue);
  return { success: false, issues: [first as ParamsIssue, ...rest] };
}

/**
 * Checks query parameters against an endpoint's rules.
 *
 * @param name The endpoint.
 * @param params The parameters to check.
 *
 * @returns The checked parameters.
 * @throws {InvalidParamsError} naming each parameter, the value given and what is allowed.
 */
export function assertParams<TName extends EndpointName>(
  name: TName,
  params: unknown,
): ParamsOf<TName> {
  const result = validateParams(name, params);
  if (!result.success) throw new InvalidParamsError(name, result.issues);
  return result.output;
}
