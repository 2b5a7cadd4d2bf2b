import { describe, expect, test } from 'vitest';
import { CliError } from '../cli-error';
import type { BudgetConfig } from '../config/config-schema';
import type { NameLookup } from '../data/name-lookup';
import { ExitCode } from '../exit-codes';
import { checkBudgetScopes, type DirectoryProject } from './budget-scope';

const directory: DirectoryProject[] = [
  { organization: 'acme', id: 'proj_checkout' },
  { organization: 'acme', id: 'proj_quiet' },
];
const projectNames = new Map([
  ['proj_checkout', 'Checkout'],
  ['proj_quiet', 'Quiet'],
]);
const names: NameLookup = {
  complete: true,
  name: (_kind, id) => projectNames.get(id) ?? null,
};
const withoutNames: NameLookup = { complete: false, name: () => null };

function budget(fields: Partial<BudgetConfig>): BudgetConfig {
  return { name: 'b', amount: 100, ...fields };
}

async function configError(run: Promise<unknown>): Promise<CliError> {
  const error = await run.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(CliError);
  expect((error as CliError).exitCode).toBe(ExitCode.config);
  return error as CliError;
}

describe('checkBudgetScopes', () => {
  test('a project that exists but spent nothing this month is fine, by id or name', async () => {
    const budgets = [budget({ project: 'Quiet' }), budget({ project: 'proj_quiet' })];
    const warnings = await checkBudgetScopes(budgets, {
      matched: new Set(),
      names,
      projects: async () => directory,
    });
    expect(warnings).toEqual([]);
  });

  test('a project that matches nothing is a configuration error naming the budget', async () => {
    const error = await configError(
      checkBudgetScopes([budget({ name: 'Chekout', project: 'Chekout' })], {
        matched: new Set(),
        names,
        projects: async () => directory,
      }),
    );
    expect(error.message).toBe(
      'budget "Chekout": project "Chekout" matches no project (by id or name) and no spend',
    );
  });

  test('a project of another organization does not match', async () => {
    const error = await configError(
      checkBudgetScopes([budget({ project: 'Checkout', organization: 'labs' })], {
        matched: new Set(),
        names,
        projects: async () => directory,
      }),
    );
    expect(error.message).toMatch(/of organization "labs"/);
  });

  test('budgets that matched spend are not checked against the directory', async () => {
    const warnings = await checkBudgetScopes([budget({ project: 'Checkout' })], {
      matched: new Set([0]),
      names,
      projects: () => Promise.reject(new Error('not read')),
    });
    expect(warnings).toEqual([]);
  });

  test('without names a project by name is refused, and an id without spend is said', async () => {
    const projects = () => Promise.reject(new Error('not read'));
    const error = await configError(
      checkBudgetScopes([budget({ name: 'by name', project: 'Checkout' })], {
        matched: new Set(),
        names: withoutNames,
        projects,
      }),
    );
    expect(error.message).toMatch(/^budget "by name": project "Checkout" matches no spend/);
    expect(error.hint).toMatch(/proj_/);
    const warnings = await checkBudgetScopes([budget({ name: 'by id', project: 'proj_x' })], {
      matched: new Set(),
      names: withoutNames,
      projects,
    });
    expect(warnings).toEqual([
      'budget "by id": project "proj_x" had no spend this month; names are unavailable, so whether the project exists could not be checked',
    ]);
  });
});
