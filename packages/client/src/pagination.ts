import type { Bucket, Page } from '@usagekit/schemas';
import { CursorLoopError, PageLimitError, ResponseValidationError } from './errors';

/** Fetches one page: the first when `cursor` is undefined, else the page the cursor names. */
export type FetchPage<TResult> = (cursor: string | undefined) => Promise<Page<TResult>>;

/** Bounds of {@link followPages}. */
export interface FollowPagesOptions {
  /** The most pages to read; one more announced fails with {@link PageLimitError}. */
  readonly maxPages?: number | undefined;
  /** Removes secrets from a server-sent cursor before it goes into an error. */
  readonly redact?: ((text: string) => string) | undefined;
}

/**
 * Yields a page and then every page after it, passing each `next_page` as the next cursor while
 * `has_more` is true. Stops with {@link CursorLoopError} when a cursor repeats, with
 * {@link PageLimitError} when more than `maxPages` pages are announced, and with
 * {@link ResponseValidationError} when `has_more` is true without a cursor.
 *
 * @param endpoint The endpoint, for errors.
 * @param first The first page.
 * @param fetchPage Fetches the page a cursor names.
 * @param options The page bound and the cursor redaction.
 *
 * @returns The pages, in order.
 */
export async function* followPages<TResult>(
  endpoint: string,
  first: Promise<Page<TResult>>,
  fetchPage: FetchPage<TResult>,
  options: FollowPagesOptions = {},
): AsyncGenerator<Page<TResult>, void, undefined> {
  const seen = new Set<string>();
  const maxPages = options.maxPages ?? Number.POSITIVE_INFINITY;
  let page = await first;
  let pagesRead = 1;
  yield page;
  while (page.has_more) {
    const cursor = page.next_page;
    if (typeof cursor !== 'string' || cursor === '') {
      throw new ResponseValidationError(
        endpoint,
        [{ path: 'next_page', message: 'has_more is true but next_page is empty', input: cursor }],
        false,
      );
    }
    if (seen.has(cursor)) {
      throw new CursorLoopError(endpoint, options.redact?.(cursor) ?? cursor, pagesRead);
    }
    if (pagesRead >= maxPages) throw new PageLimitError(endpoint, maxPages);
    seen.add(cursor);
    page = await fetchPage(cursor);
    pagesRead++;
    yield page;
  }
}

/**
 * The result of `list()`: await it for the first page, iterate it with `for await` for every
 * bucket across pages, or call {@link PagePromise.pages} for page after page. Nothing is sent
 * until it is awaited or iterated.
 */
export class PagePromise<TResult>
  extends Promise<Page<TResult>>
  implements AsyncIterable<Bucket<TResult>>
{
  /** `then`, `catch` and `finally` return plain promises. */
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  readonly #endpoint: string;
  readonly #fetchPage: FetchPage<TResult>;
  readonly #options: FollowPagesOptions;
  #first: Promise<Page<TResult>> | undefined;

  /**
   * @param endpoint The endpoint, for errors.
   * @param fetchPage Fetches the first page (cursor `undefined`) or the page a cursor names.
   * @param options The page bound and cursor redaction of {@link followPages}.
   */
  constructor(endpoint: string, fetchPage: FetchPage<TResult>, options: FollowPagesOptions = {}) {
    super((resolve) => resolve(undefined as unknown as Page<TResult>));
    this.#endpoint = endpoint;
    this.#fetchPage = fetchPage;
    this.#options = options;
  }

  #firstPage(): Promise<Page<TResult>> {
    this.#first ??= this.#fetchPage(undefined);
    return this.#first;
  }

  // A thenable on purpose: `await` must start the first request lazily (the openai-node pattern).
  // biome-ignore lint/suspicious/noThenProperty: PagePromise is a Promise subclass.
  override then<TFulfilled = Page<TResult>, TRejected = never>(
    onFulfilled?: ((page: Page<TResult>) => TFulfilled | PromiseLike<TFulfilled>) | null,
    onRejected?: ((reason: unknown) => TRejected | PromiseLike<TRejected>) | null,
  ): Promise<TFulfilled | TRejected> {
    return this.#firstPage().then(onFulfilled, onRejected);
  }

  override catch<TRejected = never>(
    onRejected?: ((reason: unknown) => TRejected | PromiseLike<TRejected>) | null,
  ): Promise<Page<TResult> | TRejected> {
    return this.#firstPage().catch(onRejected);
  }

  override finally(onFinally?: (() => void) | null): Promise<Page<TResult>> {
    return this.#firstPage().finally(onFinally);
  }

  /**
   * Iterates page by page, following `next_page` while `has_more` is true.
   *
   * @returns The pages, in order; the first is the one `await` gives.
   */
  pages(): AsyncGenerator<Page<TResult>, void, undefined> {
    return followPages(this.#endpoint, this.#firstPage(), this.#fetchPage, this.#options);
  }

  /** Iterates every bucket of every page. */
  async *[Symbol.asyncIterator](): AsyncGenerator<Bucket<TResult>, void, undefined> {
    for await (const page of this.pages()) yield* page.data;
  }
}
