import { z } from 'zod';

// GitHub's own rules: an owner is 1-39 letters, digits or single hyphens, not at either end; a
// repository name is 1-100 letters, digits, '.', '-' or '_', except '.' and '..'. A program names
// its repository and the logins whose comments reach reporters; staff members are mapped to logins.
const githubOwnerPattern = /^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/;
const githubNamePattern = /^[A-Za-z0-9._-]+$/;

export function githubRepoProblem(value: string): string | undefined {
  const parts = value.split('/');
  const [owner = '', name = ''] = parts;
  if (parts.length !== 2) return 'Write the repository as owner/name';
  if (owner.length > 39 || !githubOwnerPattern.test(owner))
    return 'The owner is 1 to 39 letters, digits or single hyphens, not starting or ending with one';
  if (name.length > 100 || !githubNamePattern.test(name) || name === '.' || name === '..')
    return 'The repository name is 1 to 100 letters, digits, ".", "-" or "_", and not "." or ".."';
  return undefined;
}

/** A GitHub login follows the owner rule: 1-39 letters, digits or single hyphens, not at either end. */
export const githubLoginSchema = z
  .string()
  .trim()
  .refine((value) => value.length <= 39 && githubOwnerPattern.test(value), {
    error: 'A GitHub login is 1 to 39 letters, digits or single hyphens, not starting or ending with one',
  });
