import { z } from 'zod';

// What a person tells about themselves when invited to a cohort, when applying through a join link
// and on their MVP profile, checked alike in all three.

export const personNameSchema = z
  .string()
  .trim()
  .min(1, { error: 'Enter a name' })
  .max(120, { error: 'Use at most 120 characters' });
export const companySchema = z.string().trim().max(200, { error: 'Use at most 200 characters' });

function shortList(what: string) {
  return z
    .array(
      z
        .string()
        .trim()
        .min(1, { error: `Enter the ${what}` })
        .max(100, { error: 'Use at most 100 characters' }),
    )
    .max(20, { error: `List at most 20 ${what}s` });
}
export const platformsSchema = shortList('platform').meta({ description: 'e.g. Windows 11, macOS 15' });
export const devicesSchema = shortList('device').meta({ description: 'e.g. Surface Pro 9, iPhone 15' });
