import * as v from 'valibot';
import { COSTS_BUCKET_WIDTHS } from '../bucket-width';
import { defineEndpoint } from '../endpoint';
import { groupingText } from '../fields';
import { idsFilter } from '../filter';
import { metric } from '../metric';

/** Units the Costs API documents for `quantity`; any other string is accepted too. */
export const KNOWN_QUANTITY_UNITS = [
  'tokens',
  '1000_tokens',
  'duration_seconds',
  'duration_minutes',
  'duration_hours',
  'gibibyte_hours',
  'images',
  'characters',
] as const;

/** A documented unit of `quantity`, or any other string the API starts sending. */
export type QuantityUnit = (typeof KNOWN_QUANTITY_UNITS)[number] | (string & {});

/**
 * One costs result: an amount of money for one day and group. `amount` is optional in the spec:
 * a missing amount is unknown, not zero. `value` is a float in the currency's unit.
 */
export const CostsResultSchema = /* @__PURE__ */ (() =>
  // Pure IIFE: bundlers drop it when unused, whatever it spreads or calls inside.
  v.looseObject({
    object: v.literal('organization.costs.result'),
    amount: v.optional(
      v.looseObject({ value: v.optional(v.number()), currency: v.optional(v.string()) }),
    ),
    line_item: groupingText(),
    project_id: groupingText(),
    user_id: groupingText(),
    api_key_id: groupingText(),
    api_source: groupingText(),
    quantity: v.nullish(v.number()),
    quantity_unit: v.nullish(v.custom<QuantityUnit>((input) => typeof input === 'string')),
  }))();

/** One costs result. */
export type CostsResult = v.InferOutput<typeof CostsResultSchema>;

/** `GET /organization/costs`: the bill, by day. */
export const costsEndpoint = /* @__PURE__ */ (() =>
  // Pure IIFE: bundlers drop it when unused, whatever it spreads or calls inside.
  defineEndpoint({
    name: 'costs',
    label: 'Costs',
    kind: 'costs',
    path: '/organization/costs',
    resultObject: 'organization.costs.result',
    resultSchema: CostsResultSchema,
    bucketWidths: COSTS_BUCKET_WIDTHS,
    defaultBucketWidth: '1d',
    dimensions: ['project_id', 'user_id', 'line_item', 'api_key_id', 'api_source'],
    filters: {
      project_ids: idsFilter('project_id'),
      api_key_ids: idsFilter('api_key_id'),
      line_items: idsFilter('line_item'),
    },
    metrics: [
      {
        name: 'amount_value',
        path: ['amount', 'value'],
        required: false,
        unit: 'currency',
        aggregation: 'sum',
        label: 'Amount',
      },
      // Sums only within one quantity_unit: quantities of different units never add.
      metric('quantity', 'quantity', 'Quantity'),
    ],
  }))();

/** Query parameters of the costs endpoint. */
export type CostsParams = v.InferOutput<typeof costsEndpoint.paramsSchema>;
