import * as v from 'valibot';
import { counter, groupingText } from './fields';
import { idsFilter } from './filter';
import { type MetricAggregation, type MetricUnit, metric } from './metric';
import { defineUsageEndpoint } from './usage-endpoint';

/**
 * Builds the result schema shared by vector stores and code interpreter sessions: one required
 * counter, grouped by project only.
 *
 * @param object The result's `object` literal.
 * @param counterName The endpoint's counter.
 *
 * @returns The result schema.
 */
// @__NO_SIDE_EFFECTS__
export function createProjectUsageResultSchema<
  const TObject extends string,
  const TCounter extends string,
>(object: TObject, counterName: TCounter) {
  const counterEntry = { [counterName]: counter() } as {
    [TKey in TCounter]: ReturnType<typeof counter>;
  };
  return v.looseObject({ object: v.literal(object), ...counterEntry, project_id: groupingText() });
}

/**
 * Builds the definition of an endpoint whose results come from
 * {@link createProjectUsageResultSchema}.
 *
 * @param specification The endpoint's name, label, result schema and counter, with the
 *   counter's unit, label and how it combines over time.
 *
 * @returns The endpoint definition.
 */
// @__NO_SIDE_EFFECTS__
export function defineProjectUsageEndpoint<
  const TName extends string,
  TResult extends v.GenericSchema,
  const TCounter extends string,
>(specification: {
  name: TName;
  label: string;
  resultObject: string;
  resultSchema: TResult;
  counterName: TCounter;
  unit: MetricUnit;
  counterLabel: string;
  aggregation: MetricAggregation;
}) {
  return defineUsageEndpoint({
    name: specification.name,
    label: specification.label,
    resultObject: specification.resultObject,
    resultSchema: specification.resultSchema,
    dimensions: ['project_id'],
    filters: { project_ids: idsFilter('project_id') },
    metrics: [
      metric(specification.counterName, specification.unit, specification.counterLabel, {
        required: true,
        aggregation: specification.aggregation,
      }),
    ],
  });
}
