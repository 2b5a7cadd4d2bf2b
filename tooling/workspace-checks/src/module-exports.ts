import ts from 'typescript';

/**
 * Lists the runtime (value) names a TypeScript module exports, following `export *` and
 * re-exports; type-only exports are left out because they do not exist in the built output.
 *
 * @param entryFile Absolute path of the module, e.g. `packages/client/src/index.ts`.
 * @returns The names, sorted.
 */
export function listValueExports(entryFile: string): string[] {
  const program = ts.createProgram([entryFile], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    customConditions: ['@usagekit/source'],
    allowImportingTsExtensions: true,
    resolveJsonModule: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const sourceFile = program.getSourceFile(entryFile);
  const moduleSymbol =
    sourceFile === undefined ? undefined : checker.getSymbolAtLocation(sourceFile);
  if (moduleSymbol === undefined) {
    throw new Error(`cannot read the exports of ${entryFile}`);
  }
  return checker
    .getExportsOfModule(moduleSymbol)
    .filter((symbol) => {
      const target =
        symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      const isTypeOnly = symbol.declarations?.some(
        (declaration) =>
          (ts.isExportSpecifier(declaration) &&
            (declaration.isTypeOnly || declaration.parent.parent.isTypeOnly)) ||
          (ts.isImportSpecifier(declaration) && declaration.isTypeOnly),
      );
      return !isTypeOnly && (target.flags & ts.SymbolFlags.Value) !== 0;
    })
    .map((symbol) => symbol.name)
    .sort();
}
