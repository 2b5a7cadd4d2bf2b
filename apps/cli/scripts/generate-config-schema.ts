import { writeFileSync } from 'node:fs';
import { createConfigJsonSchema } from '../src/config/config-json-schema';

writeFileSync(
  new URL('../usagekit.config.schema.json', import.meta.url),
  `${JSON.stringify(createConfigJsonSchema(), null, 2)}\n`,
);
