/** What every command-line entry point shares: how it ends. */
import { FatalError } from '../src/store/content-store';

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

/**
 * Runs a command's `main` and sets the exit code it returns. A `FatalError` or a wrong option ends the run with one
 * sentence on stderr and exit 2, never a stack trace; anything else is a bug and keeps its trace.
 */
export function runCommand(main: (argv: string[]) => number, usage: string): void {
  stopQuietlyWhenOutputCloses();
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    if (error instanceof FatalError) {
      console.error(error.message);
      process.exitCode = 2;
    } else if (error instanceof TypeError && (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${error.message} (see ${usage}).`);
      process.exitCode = 2;
    } else {
      throw error;
    }
  }
}
