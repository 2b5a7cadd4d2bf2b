let allowed: boolean | undefined;

/**
 * Tells whether the runtime lets the engine compile generated code (`new Function`). A strict
 * Content-Security-Policy and some edge runtimes forbid it; callers then use a generic path.
 *
 * @returns Whether code generation works (checked once).
 */
export function codeGenerationAllowed(): boolean {
  if (allowed === undefined) {
    try {
      allowed = new Function('return true')() === true;
    } catch {
      allowed = false;
    }
  }
  return allowed;
}
