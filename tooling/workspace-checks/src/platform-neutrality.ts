import { isBuiltin } from 'node:module';
import ts from 'typescript';

/** One place where library source depends on Node.js. */
export interface PlatformOffence {
  /** Path relative to the workspace root. */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  readonly message: string;
}

/** What a file may use beyond fetch and Web APIs. */
export interface PlatformAllowances {
  /** The file is a Node-only entry (the mock's HTTP server): `node:` imports are fine. */
  readonly nodeImports: boolean;
  /**
   * The package documents an environment fallback, so `globalThis.process?.env` reads are fine
   * (and nothing else of `process`).
   */
  readonly processEnvRead: boolean;
}

/** Globals that exist only in Node.js. */
const nodeOnlyGlobals = new Set(['process', 'Buffer', '__dirname', '__filename', 'require']);

/**
 * Tells whether an import specifier names a Node.js built-in module (`node:fs`, `fs`,
 * `fs/promises`, `path`, `http`, ...).
 *
 * @param specifier The module specifier as written.
 * @returns `true` for built-ins.
 */
export function isNodeBuiltinSpecifier(specifier: string): boolean {
  return specifier.startsWith('node:') || isBuiltin(specifier);
}

/**
 * Lists the module specifiers a file imports or re-exports (static, dynamic, `require`, type
 * imports), with their lines.
 *
 * @param sourceFile A parsed TypeScript file.
 * @returns Each specifier and its 1-based line.
 */
export function listModuleSpecifiers(
  sourceFile: ts.SourceFile,
): { specifier: string; line: number }[] {
  const found: { specifier: string; line: number }[] = [];
  const add = (literal: ts.Node | undefined) => {
    if (literal !== undefined && ts.isStringLiteralLike(literal)) {
      found.push({ specifier: literal.text, line: lineOf(sourceFile, literal) });
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
      add(node.moduleSpecifier);
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference)
    ) {
      add(node.moduleReference.expression);
    } else if (ts.isCallExpression(node)) {
      const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if (isImport || isRequire) add(node.arguments[0]);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/**
 * Finds Node.js dependencies in one library source file: built-in imports, and the Node-only
 * globals `process`, `Buffer`, `__dirname`, `__filename` and `require`. A read of
 * `globalThis.process?.env` is accepted when `allowances.processEnvRead` is set.
 *
 * @param file Path relative to the workspace root, used in the report.
 * @param sourceText The file's text.
 * @param allowances What this file may use.
 * @returns The offences, in source order.
 */
export function findPlatformOffences(
  file: string,
  sourceText: string,
  allowances: PlatformAllowances,
): PlatformOffence[] {
  const sourceFile = ts.createSourceFile(file, sourceText, ts.ScriptTarget.Latest, true);
  if (allowances.nodeImports) return [];
  const offences: PlatformOffence[] = [];
  for (const { specifier, line } of listModuleSpecifiers(sourceFile)) {
    if (isNodeBuiltinSpecifier(specifier)) {
      offences.push({ file, line, message: `imports the Node.js built-in "${specifier}"` });
    }
  }
  const localNames = collectLocalNodeGlobalNames(sourceFile);
  const visit = (node: ts.Node): void => {
    const offence = describeGlobalUse(node, allowances, localNames);
    if (offence !== undefined) {
      offences.push({ file, line: lineOf(sourceFile, node), message: offence });
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return offences.sort((left, right) => left.line - right.line);
}

/** How a file declares a local binding whose name is a Node-only global. */
type LocalBinding = 'process-alias' | 'unrelated';

// Local bindings named like a Node global. `const process = (globalThis as …).process` is an
// alias of the global, whose uses must be `?.env` reads; anything else is an unrelated local.
function collectLocalNodeGlobalNames(sourceFile: ts.SourceFile): Map<string, LocalBinding> {
  const names = new Map<string, LocalBinding>();
  const visit = (node: ts.Node): void => {
    const name = (node as { name?: ts.Node }).name;
    if (
      name !== undefined &&
      ts.isIdentifier(name) &&
      nodeOnlyGlobals.has(name.text) &&
      (ts.isVariableDeclaration(node) ||
        ts.isParameter(node) ||
        ts.isFunctionDeclaration(node) ||
        ts.isBindingElement(node) ||
        ts.isClassDeclaration(node) ||
        ts.isImportSpecifier(node) ||
        ts.isImportClause(node) ||
        ts.isNamespaceImport(node))
    ) {
      const isAlias =
        ts.isVariableDeclaration(node) &&
        node.initializer !== undefined &&
        isGlobalProcessAccess(node.initializer);
      names.set(name.text, isAlias ? 'process-alias' : 'unrelated');
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return names;
}

function isGlobalProcessAccess(expression: ts.Expression): boolean {
  const unwrapped = unwrap(expression);
  return (
    ts.isPropertyAccessExpression(unwrapped) &&
    isGlobalThis(unwrapped.expression) &&
    unwrapped.name.text === 'process'
  );
}

// `x?.env`: the only use of process that a library may make.
function isOptionalEnvRead(node: ts.Node): boolean {
  let outer = node;
  while (
    ts.isParenthesizedExpression(outer.parent) ||
    ts.isAsExpression(outer.parent) ||
    ts.isNonNullExpression(outer.parent)
  ) {
    outer = outer.parent;
  }
  const parent = outer.parent;
  return (
    ts.isPropertyAccessExpression(parent) &&
    parent.expression === outer &&
    parent.questionDotToken !== undefined &&
    parent.name.text === 'env'
  );
}

function describeGlobalUse(
  node: ts.Node,
  allowances: PlatformAllowances,
  localNames: ReadonlyMap<string, LocalBinding>,
): string | undefined {
  if (ts.isPropertyAccessExpression(node) && isGlobalThis(node.expression)) {
    const name = node.name.text;
    if (!nodeOnlyGlobals.has(name)) return undefined;
    const parent = node.parent;
    const isAliasDeclaration =
      name === 'process' && ts.isVariableDeclaration(parent) && parent.initializer !== undefined;
    const isGuardedEnvRead = name === 'process' && (isOptionalEnvRead(node) || isAliasDeclaration);
    if (isGuardedEnvRead && allowances.processEnvRead) return undefined;
    return isGuardedEnvRead
      ? 'reads globalThis.process?.env, but this package documents no environment fallback'
      : `uses globalThis.${name}; only a guarded globalThis.process?.env read is allowed`;
  }
  if (ts.isElementAccessExpression(node) && isGlobalThis(node.expression)) {
    const key = node.argumentExpression;
    if (ts.isStringLiteralLike(key) && nodeOnlyGlobals.has(key.text)) {
      return `uses globalThis['${key.text}']; write globalThis.process?.env`;
    }
  }
  if (ts.isIdentifier(node) && nodeOnlyGlobals.has(node.text) && isValueOrTypeReference(node)) {
    const binding = localNames.get(node.text);
    if (binding === 'unrelated') return undefined;
    if (binding === 'process-alias') {
      return isOptionalEnvRead(node)
        ? undefined
        : `uses its alias of globalThis.process for more than a guarded ?.env read`;
    }
    return node.text === 'process'
      ? 'uses the Node.js global process; read globalThis.process?.env where an env fallback is documented'
      : `uses the Node.js global ${node.text}`;
  }
  return undefined;
}

function unwrap(expression: ts.Expression): ts.Expression {
  let current = expression;
  while (
    ts.isParenthesizedExpression(current) ||
    ts.isAsExpression(current) ||
    ts.isTypeAssertionExpression(current) ||
    ts.isSatisfiesExpression(current) ||
    ts.isNonNullExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}

function isGlobalThis(node: ts.Expression): boolean {
  const unwrapped = unwrap(node);
  return ts.isIdentifier(unwrapped) && unwrapped.text === 'globalThis';
}

// An identifier that refers to something (not a property name or a declared name).
function isValueOrTypeReference(identifier: ts.Identifier): boolean {
  const parent = identifier.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === identifier) return false;
  if (ts.isQualifiedName(parent) && parent.right === identifier) return false;
  if (ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent)) return false;
  if (ts.isImportClause(parent) || ts.isNamespaceImport(parent)) return false;
  if (ts.isPropertyAssignment(parent) && parent.name === identifier) return false;
  if (
    (ts.isPropertySignature(parent) ||
      ts.isPropertyDeclaration(parent) ||
      ts.isMethodDeclaration(parent) ||
      ts.isMethodSignature(parent) ||
      ts.isVariableDeclaration(parent) ||
      ts.isParameter(parent) ||
      ts.isFunctionDeclaration(parent) ||
      ts.isBindingElement(parent) ||
      ts.isEnumMember(parent) ||
      ts.isGetAccessor(parent) ||
      ts.isSetAccessor(parent)) &&
    parent.name === identifier
  ) {
    return false;
  }
  return true;
}

function lineOf(sourceFile: ts.SourceFile, node: ts.Node): number {
  return sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
}
