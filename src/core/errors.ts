/**
 * A problem with what the user gave (a parameter path, a value, a file, an
 * expression). Its message is one line naming the input and what was
 * expected; it is raised before any run starts.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/**
 * A run that went wrong midway (a non-finite price, a negative balance, a
 * broken invariant). Carries the tick at which it happened, so the run is
 * recorded as failed with its message and tick.
 */
export class RunError extends Error {
  override readonly name = 'RunError';
  constructor(message: string, readonly tick: number) {
    super(message);
  }
}
