import * as v from 'valibot';
import { counter, groupingText } from './fields';
import { idsFilter } from './filter';
import { type MetricField, type MetricUnit, metric } from './metric';
import { scopeEntries, scopeFilters } from './scope';
import { defineUsageEndpoint } from './usage-endpoint';

/**
 * Builds the result schema shared by embeddings, moderations and the two audio endpoints: one
 * required counter, the request count, and the project, user, key and model grouping fields.
 *
 * @param object The result's `object` literal.
 * @param counterName The endpoint's own counter.
 *
 * @returns The result schema.
 */
// @__NO_SIDE_EFFECTS__
export function createModelUsageResultSchema<
  const TObject extends string,
  const TCounter extends string,
>(object: TObject, counterName: TCounter) {
  const counterEntry = { [counterName]: counter() } as {
    [TKey in TCounter]: ReturnType<typeof counter>;
  };
  return v.looseObject({
    object: v.literal(object),
    ...counterEntry,
    num_model_requests: counter(),
    ...scopeEntries(),
    model: groupingText(),
  });
}

/**
 * Builds the definition of an endpoint whose results come from {@link createModelUsageResultSchema}.
 *
 * @param specification The endpoint's name, label, result schema and counter, with the
 *   counter's unit and label.
 *
 * @returns The endpoint definition.
 */
// @__NO_SIDE_EFFECTS__
export function defineModelUsageEndpoint<
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
}) {
  return defineUsageEndpoint({
    name: specification.name,
    label: specification.label,
    resultObject: specification.resultObject,
    resultSchema: specification.resultSchema,
    dimensions: ['project_id', 'user_id', 'api_key_id', 'model'],
    filters: { ...scopeFilters(), models: idsFilter('model') },
    metrics: [
      metric(specification.counterName, specification.unit, specification.counterLabel, {
        required: true,
      }),
      metric('num_model_requests', 'requests', 'Model requests', { required: true }),
    ] as MetricField<TCounter | 'num_model_requests'>[],
  });
}
