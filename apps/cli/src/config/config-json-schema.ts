import { toJsonSchema } from '@valibot/to-json-schema';
import { UsagekitConfigSchema } from './config-schema';

/**
 * The JSON Schema of `usagekit.config.json` for editors, generated from the valibot schema (the
 * committed `usagekit.config.schema.json` must equal this; a test checks it).
 *
 * @returns The JSON Schema object.
 */
export function createConfigJsonSchema(): Record<string, unknown> {
  return {
    ...toJsonSchema(UsagekitConfigSchema, { errorMode: 'ignore' }),
    title: 'usagekit.config.json',
    description:
      'Configuration of the usagekit command: organizations, budgets, price overrides, name aliases and the default time zone.',
  };
}
