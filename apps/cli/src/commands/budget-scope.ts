import { CliError } from '../cli-error';
import type { BudgetConfig } from '../config/config-schema';
import type { NameLookup } from '../data/name-lookup';
import { ExitCode } from '../exit-codes';

/** A project of an organization's directory. */
export interface DirectoryProject {
  /** The organization's label. */
  readonly organization: string;
  readonly id: string;
}

/** What the scopes of budgets are checked against. */
export interface BudgetScopeEvidence {
  /** Indexes of the budgets that matched at least one cost row. */
  readonly matched: ReadonlySet<number>;
  /** The id → name lookup (aliases first). */
  readonly names: NameLookup;
  /**
   * Reads every project of the organizations' directories (archived included). Called only when
   * a budget matched no spend, and only when the directories are readable.
   */
  readonly projects: () => Promise<readonly DirectoryProject[]>;
}

function namesProject(budget: BudgetConfig, project: DirectoryProject, names: NameLookup): boolean {
  if (budget.organization !== undefined && budget.organization !== project.organization)
    return false;
  return budget.project === project.id || budget.project === names.name('project', project.id);
}

/**
 * Refuses a budget whose project matches nothing: no spend this month and no project of that id
 * or name in the directory (a typo would otherwise show as an untouched "$0 on track" budget).
 * A project that exists but spent nothing is fine. When the directory cannot be read, a project
 * given by name cannot be matched (refused, asking for the id) and an id with no spend cannot be
 * checked (said in a warning).
 *
 * @param budgets The config's budgets.
 * @param evidence Which budgets matched spend, the names, and the directory's projects.
 *
 * @returns Warnings about budgets that could not be checked.
 *
 * @throws {CliError} With {@link ExitCode.config}, naming the first budget that matches nothing.
 */
export async function checkBudgetScopes(
  budgets: readonly BudgetConfig[],
  evidence: BudgetScopeEvidence,
): Promise<string[]> {
  const { names } = evidence;
  const warnings: string[] = [];
  let projects: readonly DirectoryProject[] | undefined;
  for (const [index, budget] of budgets.entries()) {
    const project = budget.project;
    if (project === undefined || evidence.matched.has(index)) continue;
    if (!names.complete) {
      if (!project.startsWith('proj_')) {
        throw new CliError(
          `budget "${budget.name}": project "${project}" matches no spend, and names are unavailable to this key, so a project cannot be matched by name`,
          ExitCode.config,
          "give the project's id (proj_...) in usagekit.config.json",
        );
      }
      warnings.push(
        `budget "${budget.name}": project "${project}" had no spend this month; names are unavailable, so whether the project exists could not be checked`,
      );
      continue;
    }
    projects ??= await evidence.projects();
    if (projects.some((candidate) => namesProject(budget, candidate, names))) continue;
    const where =
      budget.organization === undefined ? '' : ` of organization "${budget.organization}"`;
    throw new CliError(
      `budget "${budget.name}": project "${project}" matches no project${where} (by id or name) and no spend`,
      ExitCode.config,
      "check the project's id (proj_...) or name in usagekit.config.json",
    );
  }
  return warnings;
}
