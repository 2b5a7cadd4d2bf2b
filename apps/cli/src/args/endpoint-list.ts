import {
  type EndpointName,
  endpointNames,
  isEndpointName,
  usageEndpointNames,
} from '@usagekit/schemas';
import { CliError } from '../cli-error';

/**
 * Reads `--endpoint`: comma-separated registry names (`audio-speeches` also works for
 * `audio_speeches`). Default: every usage endpoint.
 *
 * @param text The flag value.
 * @param allowCosts Whether `costs` may be named (export). @default false
 *
 * @returns The endpoint names, in registry order, without repeats.
 */
export function parseEndpointList(text: string | undefined, allowCosts = false): EndpointName[] {
  const allowed = allowCosts ? endpointNames : usageEndpointNames;
  if (text === undefined || text.trim() === '' || text.trim() === 'all') return [...allowed];
  const chosen = new Set<EndpointName>();
  for (const raw of text.split(',')) {
    const name = raw.trim().toLowerCase().replace(/-/g, '_');
    if (name === '') continue;
    if (!isEndpointName(name) || !(allowed as readonly string[]).includes(name)) {
      throw new CliError(
        `--endpoint: unknown endpoint "${raw.trim()}"; allowed: ${allowed.join(', ')} (or all)`,
      );
    }
    chosen.add(name);
  }
  return allowed.filter((name) => chosen.has(name));
}
