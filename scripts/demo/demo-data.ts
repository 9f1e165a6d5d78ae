// The demo program's people and bugs: made up, deterministic (a seeded generator), and shaped like
// a real MVP program: most bugs found once, some by several people across sources, a minority
// of them priority, most closed in shipped releases.

/** A small deterministic generator (mulberry32), so every demo shows the same program. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    chance: (p: number) => next() < p,
  };
}

export const firstNames = [
  'Ada',
  'Bilal',
  'Chen',
  'Dana',
  'Emeka',
  'Farah',
  'Goran',
  'Hana',
  'Ivo',
  'Jun',
  'Kemal',
  'Lena',
  'Mateo',
  'Nia',
  'Omar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sven',
  'Tara',
  'Umar',
  'Vera',
  'Wes',
  'Xin',
  'Yara',
  'Zeno',
] as const;
export const lastNames = [
  'Okafor',
  'Lindqvist',
  'Moreau',
  'Haddad',
  'Kowalski',
  'Tanaka',
  'Silva',
  'Novak',
  'Reyes',
  'Fischer',
  'Ahmed',
  'Costa',
  'Dubois',
  'Ivanova',
  'Jensen',
  'Khan',
] as const;
export const companies = [
  'Northwind Print',
  'Contoso Legal',
  'Fabrikam Design',
  'Tailspin Studio',
  'Woodgrove Clinic',
  'Litware Labs',
  'Adatum Logistics',
  'Proseware Media',
] as const;
const handleWords = [
  'pixel',
  'kernel',
  'vector',
  'glyph',
  'cursor',
  'buffer',
  'raster',
  'tensor',
  'socket',
  'lambda',
] as const;
const handleTails = ['hunter', 'smith', 'scout', 'wrangler', 'whisperer', 'sleuth', 'ranger', 'tamer'] as const;

export function handleFor(index: number): string {
  return `${handleWords[index % handleWords.length]}-${handleTails[Math.floor(index / handleWords.length) % handleTails.length]}-${index + 1}`;
}

export const components = ['Editor', 'Printing', 'Sync', 'Installer', 'Accounts'] as const;

const symptoms: Record<(typeof components)[number], string[]> = {
  Editor: [
    'Undo skips the last two edits',
    'Pasting a table from a spreadsheet drops its borders',
    'Spell check underlines every word after switching language',
    'Find and replace hangs on documents over 200 pages',
    'Tracked changes vanish after saving as PDF',
    'Ruler indents jump when zoomed to 150%',
    'Dark mode shows black text on the comment pane',
    'Autosave overwrites a file opened read-only',
  ],
  Printing: [
    'Printing stops after the first page',
    'Duplex printing flips every second page upside down',
    'Print preview shows the wrong paper size',
    'Headers are cut off on A4 printers',
    'Printing to PDF loses embedded fonts',
    'The print dialog freezes when a network printer is offline',
  ],
  Sync: [
    'Edits made offline are lost after reconnecting',
    'Sync shows conflict for files nobody else edited',
    'Shared folder never finishes syncing on metered connections',
    'Deleted files come back after the next sync',
    'Sync status icon stays spinning forever',
    'Renaming a folder duplicates its contents',
  ],
  Installer: [
    'Installer fails when the user profile path has an accent',
    'Upgrade from 3.x removes the custom dictionary',
    'Silent install ignores the licence key parameter',
    'Installer asks to restart twice',
    'Uninstall leaves the file associations behind',
  ],
  Accounts: [
    'Sign-in loops back to the start page with SSO',
    'Changing e-mail address signs out every device',
    'Two-factor prompt appears twice after sleep',
    'Licence shows expired one day early in UTC+13',
    'Profile picture upload rejects PNG files over 1 MB',
  ],
};

const contexts = [
  'on Windows 11',
  'on macOS 15',
  'with a large document',
  'after waking from sleep',
  'when the window is on a second monitor',
  'with a right-to-left language',
  'in the web companion',
  'with high contrast mode on',
];

export type DemoBug = { title: string; component: (typeof components)[number] };

/** Distinct bugs: a symptom, sometimes with the context that triggers it. */
export function makeBugs(random: ReturnType<typeof seededRandom>, count: number): DemoBug[] {
  const bugs: DemoBug[] = [];
  const seen = new Set<string>();
  while (bugs.length < count) {
    const component = random.pick(components);
    const symptom = random.pick(symptoms[component]);
    const title = random.chance(0.8) ? `${symptom} ${random.pick(contexts)}` : symptom;
    if (seen.has(title)) {
      if (seen.size > count * 4) break;
      continue;
    }
    seen.add(title);
    bugs.push({ title, component });
  }
  return bugs;
}

export const environments = [
  {
    os: 'Windows 11 23H2',
    browser: 'Edge',
    browserVersion: '131',
    screen: '2560×1440',
    locale: 'en-GB',
    timeZone: 'Europe/London',
  },
  {
    os: 'macOS 15.1',
    browser: 'Safari',
    browserVersion: '18.1',
    screen: '3024×1964',
    locale: 'fr-FR',
    timeZone: 'Europe/Paris',
  },
  {
    os: 'Windows 10 22H2',
    browser: 'Chrome',
    browserVersion: '131',
    screen: '1920×1080',
    locale: 'de-DE',
    timeZone: 'Europe/Berlin',
  },
  {
    os: 'Ubuntu 24.04',
    browser: 'Firefox',
    browserVersion: '133',
    screen: '1920×1200',
    locale: 'en-US',
    timeZone: 'America/Chicago',
  },
] as const;
