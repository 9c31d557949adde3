/** What every command-line entry point shares: how it ends. */
import { FatalError, systemErrorSentence } from '../src/store/errors';

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
 * Runs a command's `main` and sets the exit code it returns. A `FatalError`, a system error (full disk, no
 * permission, read-only file system) or a wrong option ends the run with one sentence on stderr and exit 2, never a
 * stack trace; anything else is a bug and keeps its trace. Commands change content/ only through `commitChanges`,
 * which leaves it as it was when it fails before its commit, so "Nothing was changed" is true of a system error.
 */
export function runCommand(main: (argv: string[]) => number | Promise<number>, usage: string): void {
  stopQuietlyWhenOutputCloses();
  const fail = (error: unknown) => {
    const sentence = systemErrorSentence(error, 'Nothing was changed.');
    if (error instanceof FatalError || sentence) {
      console.error(sentence ?? (error as FatalError).message);
      process.exitCode = 2;
    } else if (error instanceof TypeError && (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${error.message} (see ${usage}).`);
      process.exitCode = 2;
    } else {
      throw error;
    }
  };
  try {
    const result = main(process.argv.slice(2));
    if (typeof result === 'number') process.exitCode = result;
    else
      result.then(
        (code) => (process.exitCode = code),
        (error: unknown) => {
          try {
            fail(error);
          } catch (bug) {
            console.error(bug);
            process.exitCode = 70;
          }
        },
      );
  } catch (error) {
    fail(error);
  }
}
