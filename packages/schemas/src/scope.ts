import { groupingText } from './fields';
import { idsFilter } from './filter';

/** Grouping fields of results attributed to a project, a user and an API key. */
// @__NO_SIDE_EFFECTS__
export function scopeEntries() {
  return { project_id: groupingText(), user_id: groupingText(), api_key_id: groupingText() };
}

/** Filters by project, user and API key, shared by most usage endpoints. */
// @__NO_SIDE_EFFECTS__
export function scopeFilters() {
  return {
    project_ids: idsFilter('project_id'),
    user_ids: idsFilter('user_id'),
    api_key_ids: idsFilter('api_key_id'),
  };
}
