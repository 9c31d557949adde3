/** A problem found in an input file, with its place. Harmless ones are notes; a lost paper is an error. */
export interface Problem {
  file: string;
  /** 1-based line number; 0 when the problem concerns the whole file. */
  line: number;
  severity: 'note' | 'error';
  message: string;
}

/** `FILE:LINE: severity: message`, the one line the command line prints for a problem. */
export function formatProblem(problem: Problem): string {
  const place = problem.line > 0 ? `${problem.file}:${problem.line}` : problem.file;
  return `${place}: ${problem.severity}: ${problem.message}`;
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
