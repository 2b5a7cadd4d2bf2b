import { groupingText } from './fields';
import { idsFilter } from './filter';

/**
 * Grouping fields of results attributed to a project, a user and an API key.
 *
 * @returns The `project_id`, `user_id` and `api_key_id` entries, each nullish text.
 */
// @__NO_SIDE_EFFECTS__
export function scopeEntries() {
  return { project_id: groupingText(), user_id: groupingText(), api_key_id: groupingText() };
}

/**
 * Filters by project, user and API key, shared by most usage endpoints.
 *
 * @returns The `project_ids`, `user_ids` and `api_key_ids` filters.
 */
// @__NO_SIDE_EFFECTS__
export function scopeFilters() {
  return {
    project_ids: idsFilter('project_id'),
    user_ids: idsFilter('user_id'),
    api_key_ids: idsFilter('api_key_id'),
  };
}
