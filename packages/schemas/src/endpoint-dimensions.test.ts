import { describe, expect, test } from 'vitest';
import { dimensionsOf } from './endpoint-dimensions';
import { endpointNames, getEndpoint } from './registry';

describe('dimensionsOf', () => {
  test('completions groups by seven dimensions and filters five of them', () => {
    expect(
      dimensionsOf('completions').map(({ name, groupable, filterParam }) => ({
        name,
        groupable,
        filterParam,
      })),
    ).toEqual([
      { name: 'project_id', groupable: true, filterParam: 'project_ids' },
      { name: 'user_id', groupable: true, filterParam: 'user_ids' },
      { name: 'api_key_id', groupable: true, filterParam: 'api_key_ids' },
      { name: 'model', groupable: true, filterParam: 'models' },
      { name: 'batch', groupable: true, filterParam: 'batch' },
      { name: 'service_tier', groupable: true, filterParam: null },
      { name: 'api_source', groupable: true, filterParam: null },
    ]);
  });

  test('carries the descriptor and the filter, with an enum filter’s values', () => {
    const size = dimensionsOf('images').find((dimension) => dimension.name === 'size');
    expect(size).toEqual({
      name: 'size',
      entity: 'image_size',
      label: 'Image size',
      valueKind: 'text',
      groupable: true,
      filterable: true,
      filterParam: 'sizes',
      filter: getEndpoint('images').filters.sizes,
    });
    const [vectorStore] = dimensionsOf('file_search_calls').filter(
      (dimension) => dimension.entity === 'vector_store',
    );
    expect(vectorStore).toMatchObject({ filterParam: 'vector_store_ids', filterable: true });
  });

  test.each(endpointNames)('%s: agrees with its dimensions and filters', (name) => {
    const endpoint = getEndpoint(name);
    const dimensions = dimensionsOf(name);
    expect(
      dimensions.filter((dimension) => dimension.groupable).map((dimension) => dimension.name),
    ).toEqual([...endpoint.dimensions]);
    const filters = Object.entries(endpoint.filters).map(([param, filter]) => [
      param,
      filter.dimension,
    ]);
    expect(
      dimensions
        .filter((dimension) => dimension.filterable)
        .map((dimension) => [dimension.filterParam, dimension.name]),
    ).toEqual(expect.arrayContaining(filters));
    expect(dimensions.filter((dimension) => dimension.filterable)).toHaveLength(filters.length);
  });
});
