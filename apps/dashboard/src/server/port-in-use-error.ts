/** Thrown when the dashboard's port is taken: one line for the user, no stack. */
export class PortInUseError extends Error {
  override name = 'PortInUseError';

  /**
   * @param host The interface.
   * @param port The port that is taken.
   * @param cause The listen error.
   */
  constructor(host: string, port: number, cause: unknown) {
    super(`Port ${port} on ${host} is already in use; pick another with --port, or --port 0`, {
      cause,
    });
  }
}
