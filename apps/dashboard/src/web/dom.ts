/** Attributes {@link element} can set; text always goes through `textContent`. */
export interface ElementOptions {
  readonly className?: string | undefined;
  readonly text?: string | undefined;
  readonly title?: string | undefined;
  readonly attributes?: Readonly<Record<string, string>> | undefined;
}

/**
 * Creates an element. Text is set with `textContent`, never parsed as HTML, so names from the
 * API cannot inject markup.
 *
 * @param tag The tag name.
 * @param options Class, text, title and attributes.
 * @param children Child nodes.
 *
 * @returns The element.
 */
export function element<TTag extends keyof HTMLElementTagNameMap>(
  tag: TTag,
  options: ElementOptions = {},
  children: readonly Node[] = [],
): HTMLElementTagNameMap[TTag] {
  const node = document.createElement(tag);
  if (options.className !== undefined) node.className = options.className;
  if (options.text !== undefined) node.textContent = options.text;
  if (options.title !== undefined) node.title = options.title;
  for (const [name, value] of Object.entries(options.attributes ?? {})) {
    node.setAttribute(name, value);
  }
  for (const child of children) node.append(child);
  return node;
}

/**
 * Looks up an element of the page by id, failing loudly when the page lacks it.
 *
 * @param id The element id.
 *
 * @returns The element.
 */
export function byId<TElement extends HTMLElement>(id: string): TElement {
  const node = document.getElementById(id);
  if (node === null) throw new Error(`The page has no #${id}`);
  return node as TElement;
}
