import { describe, expect, it } from 'vitest';
import { metricFieldsOf } from './fields';
import type { ReaderPlan } from './result-reader';
import { planShape, sameKeys, shapeKeys } from './result-shape';

const fullPlan: ReaderPlan = {
  dimensions: ['project_id', 'model', 'batch'],
  metrics: metricFieldsOf('completions').filter((field) =>
    ['input_tokens', 'input_cached_tokens', 'num_model_requests'].includes(field.name),
  ),
  slowMetrics: new Set(),
  watched: [],
};

describe('shapeKeys and sameKeys', () => {
  it('identify a shape by its own keys in order', () => {
    const keys = shapeKeys({ input_tokens: 1, model: 'a' }, false);
    expect(keys).toEqual(['input_tokens', 'model']);
    expect(sameKeys({ input_tokens: 2, model: 'b' }, keys, false)).toBe(true);
    expect(sameKeys({ model: 'b', input_tokens: 2 }, keys, false)).toBe(false);
    expect(sameKeys({ input_tokens: 2 }, keys, false)).toBe(false);
    expect(sameKeys({ input_tokens: 2, model: 'b', batch: true }, keys, false)).toBe(false);
    expect(sameKeys(null, keys, false)).toBe(false);
  });

  it('ignore inherited keys', () => {
    const keys = shapeKeys({ model: 'a' }, false);
    const inherited = Object.assign(Object.create({ batch: true }), { model: 'a' });
    expect(sameKeys(inherited, keys, false)).toBe(false);
  });

  it('give every result one shape when the keyed reader is forced', () => {
    const keys = shapeKeys({ model: 'a' }, true);
    expect(sameKeys({ other: 1 }, keys, true)).toBe(true);
    expect(sameKeys(7, keys, true)).toBe(true);
    expect(sameKeys({ model: 'a' }, shapeKeys({ model: 'a' }, false), true)).toBe(false);
  });
});

describe('planShape', () => {
  it('reads the fields the first result has and watches the others', () => {
    const plan = planShape(
      fullPlan,
      ['object', 'input_tokens', 'model', 'num_model_requests'],
      false,
    );
    expect(plan.dimensions).toEqual(['model']);
    expect(plan.metrics.map((field) => field.name)).toEqual(['input_tokens', 'num_model_requests']);
    expect(plan.watched).toEqual(['project_id', 'batch', 'input_cached_tokens']);
    expect([...plan.slowMetrics]).toEqual([]);
  });

  it('reads everything and watches nothing for the keyed reader', () => {
    const plan = planShape(fullPlan, shapeKeys(null, true), true);
    expect(plan.dimensions).toEqual(fullPlan.dimensions);
    expect(plan.metrics).toEqual(fullPlan.metrics);
    expect(plan.watched).toEqual([]);
  });

  it('sends scaled and nested metrics through the slow store', () => {
    const costs: ReaderPlan = { ...fullPlan, dimensions: [], metrics: metricFieldsOf('costs') };
    const plan = planShape(costs, ['amount', 'quantity'], false);
    expect(plan.metrics.map((field) => field.name)).toEqual(['amount_value', 'quantity']);
    expect([...plan.slowMetrics]).toEqual([0]);
  });
});
