import * as v from 'valibot';
import type { BucketWidthLimits } from './bucket-width';
import type { Filter } from './filter';

/** The parts of an endpoint definition that decide which query parameters are valid. */
export interface ParamsSpecification {
  /** The endpoint's name, used in messages. */
  readonly name: string;
  /** The widths it accepts, with their `limit` bounds. */
  readonly bucketWidths: Readonly<Record<string, BucketWidthLimits>>;
  /** The width whose bounds apply when `bucket_width` is not sent. */
  readonly defaultBucketWidth: string;
  /** The values `group_by` accepts. */
  readonly dimensions: readonly string[];
  /** The filter parameters it accepts. */
  readonly filters: Readonly<Record<string, Filter>>;
}

/** Latest plausible Unix time in seconds; larger values are almost always milliseconds. */
const LATEST_PLAUSIBLE_SECONDS = 9_999_999_999;

function show(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : String(JSON.stringify(value) ?? value);
}

function list(values: readonly string[]): string {
  return values.join(', ');
}

function unixSeconds(param: string) {
  return v.pipe(
    v.number((issue) => `${param} must be Unix seconds as an integer; got ${show(issue.input)}`),
    v.integer((issue) => `${param} must be Unix seconds as an integer; got ${show(issue.input)}`),
    v.minValue(0, (issue) => `${param} must not be negative; got ${show(issue.input)}`),
    v.maxValue(
      LATEST_PLAUSIBLE_SECONDS,
      (issue) => `${param} must be Unix seconds, not milliseconds; got ${show(issue.input)}`,
    ),
  );
}

function filterSchema(endpoint: string, param: string, filter: Filter) {
  switch (filter.kind) {
    case 'flag':
      return v.boolean((issue) => `${param} must be true or false; got ${show(issue.input)}`);
    case 'enum':
      return v.array(
        v.picklist(
          filter.values,
          (issue) =>
            `${param} value ${show(issue.input)} is not allowed for ${endpoint}; allowed: ${list(filter.values)}`,
        ),
        (issue) => `${param} must be an array; got ${show(issue.input)}`,
      );
    case 'ids':
      return v.array(
        v.pipe(
          v.string((issue) => `${param} must hold strings; got ${show(issue.input)}`),
          v.minLength(1, `${param} must not hold an empty string`),
        ),
        (issue) => `${param} must be an array of strings; got ${show(issue.input)}`,
      );
  }
}

/**
 * Builds the query-parameter schema of an endpoint. Every message names the parameter, the value
 * given and what the endpoint allows.
 *
 * @param specification The endpoint's widths, dimensions and filters.
 *
 * @returns The params schema.
 */
// @__NO_SIDE_EFFECTS__
export function createParamsSchema(specification: ParamsSpecification) {
  const { name, bucketWidths, defaultBucketWidth, dimensions, filters } = specification;
  const widths = Object.keys(bucketWidths);
  const filterEntries = Object.fromEntries(
    Object.entries(filters).map(([param, filter]) => [
      param,
      v.optional(filterSchema(name, param, filter)),
    ]),
  );
  const accepted = [
    'start_time',
    'end_time',
    'bucket_width',
    'limit',
    'page',
    'group_by',
    ...Object.keys(filters),
  ];
  const limitsOf = (width: string | undefined) =>
    bucketWidths[width ?? defaultBucketWidth] ?? bucketWidths[defaultBucketWidth];

  return v.pipe(
    v.strictObject(
      {
        start_time: v.pipe(
          v.unknown(),
          v.check(
            (input) => input !== undefined,
            'start_time is required (Unix seconds, inclusive)',
          ),
          unixSeconds('start_time'),
        ),
        end_time: v.optional(unixSeconds('end_time')),
        bucket_width: v.optional(
          v.picklist(
            widths,
            (issue) =>
              `bucket_width ${show(issue.input)} is not allowed for ${name}; allowed: ${list(widths)}`,
          ),
        ),
        limit: v.optional(
          v.pipe(
            v.number((issue) => `limit must be an integer; got ${show(issue.input)}`),
            v.integer((issue) => `limit must be an integer; got ${show(issue.input)}`),
          ),
        ),
        page: v.optional(
          v.string((issue) => `page must be a cursor string; got ${show(issue.input)}`),
        ),
        group_by: v.optional(
          v.array(
            v.picklist(
              dimensions,
              (issue) =>
                `group_by value ${show(issue.input)} is not allowed for ${name}; allowed: ${list(dimensions)}`,
            ),
            (issue) => `group_by must be an array; got ${show(issue.input)}`,
          ),
        ),
        ...filterEntries,
      },
      (issue) => {
        if (issue.expected === 'never') {
          return `${name} does not accept the parameter ${show(issue.input)}; accepted: ${list(accepted)}`;
        }
        const missing = issue.path?.[0]?.key;
        if (missing !== undefined)
          return `${String(missing)} is required (Unix seconds, inclusive)`;
        return `${name} parameters must be an object with at least start_time; got ${show(issue.input)}`;
      },
    ),
    v.forward(
      v.partialCheck(
        [['start_time'], ['end_time']],
        (input) => input.end_time === undefined || input.end_time > (input.start_time as number),
        (issue) =>
          `end_time must be after start_time; got start_time ${show(issue.input.start_time)} and end_time ${show(issue.input.end_time)}`,
      ),
      ['end_time'],
    ),
    v.forward(
      v.partialCheck(
        [['limit'], ['bucket_width']],
        (input) => {
          const limits = limitsOf(input.bucket_width);
          return (
            input.limit === undefined ||
            limits === undefined ||
            (input.limit >= limits.minLimit && input.limit <= limits.maxLimit)
          );
        },
        (issue) => {
          const width = issue.input.bucket_width ?? defaultBucketWidth;
          const limits = limitsOf(width);
          return `limit ${show(issue.input.limit)} is out of range for ${name} at bucket_width ${width}; allowed: ${limits?.minLimit} to ${limits?.maxLimit}`;
        },
      ),
      ['limit'],
    ),
  );
}
