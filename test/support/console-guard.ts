import { afterEach, beforeEach, vi } from 'vitest';

// An unexpected console.error fails the test that caused it. A test that expects one
// calls `expectConsoleError()` first.
let errors: unknown[][] = [];
let allowed = false;

export function expectConsoleError(): void {
  allowed = true;
}

beforeEach(() => {
  errors = [];
  allowed = false;
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});

afterEach(() => {
  vi.mocked(console.error).mockRestore();
  if (errors.length && !allowed) {
    throw new Error(`Unexpected console.error:\n${errors.map((args) => args.map(String).join(' ')).join('\n')}`);
  }
});
