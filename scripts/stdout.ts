/**
 * A reader who pipes a command into `head` closes the pipe early; Node then throws EPIPE on the next write. That is
 * the reader's choice, not a failure: stop quietly, as Unix tools do.
 */
export function stopQuietlyWhenOutputCloses(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}
