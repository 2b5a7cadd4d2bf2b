import { DIMENSIONS, type DimensionDescriptor } from './dimensions';
import type { Filter } from './filter';
import { type DimensionName, type EndpointName, endpoints } from './registry';

/** A dimension as one endpoint offers it: whether it groups by it and which parameter filters it. */
export interface EndpointDimension extends DimensionDescriptor {
  /** Whether `group_by` accepts it on this endpoint. */
  readonly groupable: boolean;
  /** Whether a filter parameter restricts it on this endpoint. */
  readonly filterable: boolean;
  /** The filter parameter (`project_ids`, `batch`, `sizes`...), or `null` when there is none. */
  readonly filterParam: string | null;
  /** The filter itself (its kind, and the accepted values of an enum), or `null`. */
  readonly filter: Filter | null;
}

/**
 * The dimensions an endpoint groups or filters by, read from its `dimensions` and `filters`:
 * grouping dimensions first, in the registry's order, then any dimension it only filters by.
 *
 * @param endpoint The endpoint name.
 *
 * @returns Each dimension with its descriptor and what the endpoint allows.
 */
export function dimensionsOf(endpoint: EndpointName): EndpointDimension[] {
  const definition = endpoints[endpoint];
  const filterEntries = Object.entries(definition.filters as Readonly<Record<string, Filter>>);
  const names = new Set<DimensionName>(definition.dimensions);
  for (const [, filter] of filterEntries) names.add(filter.dimension as DimensionName);
  const grouped = new Set<string>(definition.dimensions);
  return [...names].map((name) => {
    const [filterParam, filter] = filterEntries.find(([, entry]) => entry.dimension === name) ?? [
      null,
      null,
    ];
    return {
      ...DIMENSIONS[name],
      groupable: grouped.has(name),
      filterable: filter !== null,
      filterParam,
      filter,
    };
  });
}
