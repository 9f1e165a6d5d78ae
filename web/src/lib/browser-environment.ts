// What a bug report says about where it happened, read from the browser the reporter files it in.
// Chromium browsers describe themselves through User-Agent Client Hints (`navigator.userAgentData`),
// which name Windows 11 and the real browser brand; elsewhere (Firefox, Safari) the user-agent string
// is all there is. Either way the reporter sees the result and may correct it.

export type BrowserEnvironment = {
  os: string;
  browser: string;
  browserVersion: string;
  screen: string;
  locale: string;
  timeZone: string;
};

type Brand = { brand: string; version: string };

// Not in TypeScript's DOM library yet: https://wicg.github.io/ua-client-hints/
type UserAgentData = {
  brands: Brand[];
  platform: string;
  getHighEntropyValues(hints: string[]): Promise<{ platformVersion?: string; fullVersionList?: Brand[] }>;
};

/** The environment as far as it can be known without asking; the Client Hints part is asynchronous. */
export async function readBrowserEnvironment(): Promise<BrowserEnvironment> {
  const fromAgent = parseUserAgent(navigator.userAgent);
  const hints = await readClientHints();
  return {
    os: hints?.os || fromAgent.os,
    browser: hints?.browser || fromAgent.browser,
    browserVersion: hints?.browserVersion || fromAgent.browserVersion,
    screen: `${screen.width}×${screen.height} @${Number(window.devicePixelRatio.toFixed(2))}x`,
    locale: navigator.language,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
}

async function readClientHints(): Promise<Pick<BrowserEnvironment, 'os' | 'browser' | 'browserVersion'> | null> {
  const data = (navigator as Navigator & { userAgentData?: UserAgentData }).userAgentData;
  if (!data) return null;
  try {
    const high = await data.getHighEntropyValues(['platformVersion', 'fullVersionList']);
    const brand = pickBrand(high.fullVersionList ?? data.brands);
    return {
      os: osName(data.platform, high.platformVersion ?? ''),
      browser: brand ? brandName(brand.brand) : '',
      browserVersion: brand?.version ?? '',
    };
  } catch {
    // The browser may refuse high-entropy hints; the low-entropy brands still name the browser.
    const brand = pickBrand(data.brands);
    return { os: data.platform, browser: brand ? brandName(brand.brand) : '', browserVersion: brand?.version ?? '' };
  }
}

/** The browser's own brand: not the deliberately odd "Not A;Brand" entry, and "Chromium" only as a last resort. */
function pickBrand(brands: Brand[]): Brand | undefined {
  const real = brands.filter((entry) => !/not.?a.?brand/i.test(entry.brand));
  return real.find((entry) => entry.brand !== 'Chromium') ?? real[0];
}

function brandName(brand: string): string {
  return brand === 'Google Chrome' ? 'Chrome' : brand;
}

function osName(platform: string, version: string): string {
  const major = Number.parseInt(version, 10);
  if (platform === 'Windows' && Number.isFinite(major)) {
    // Client Hints report Windows 11 as platform version 13 and above, Windows 10 as 1 to 10.
    if (major >= 13) return 'Windows 11';
    if (major > 0) return 'Windows 10';
    return 'Windows';
  }
  if (platform === 'macOS' || platform === 'Android' || platform === 'Chrome OS') {
    const short = version.replace(/(\.0)+$/, '');
    return short ? `${platform} ${short}` : platform;
  }
  return platform;
}

/** Operating system and browser from a user-agent string, for browsers without Client Hints. */
export function parseUserAgent(agent: string): Pick<BrowserEnvironment, 'os' | 'browser' | 'browserVersion'> {
  return { os: osFromAgent(agent), ...browserFromAgent(agent) };
}

function osFromAgent(agent: string): string {
  const dotted = (value: string | undefined) => (value ?? '').replaceAll('_', '.');
  const apple = /\b(?:iPhone|CPU) OS (\d+[_\d]*)/.exec(agent);
  if (apple) return `${/iPad/.test(agent) ? 'iPadOS' : 'iOS'} ${dotted(apple[1])}`;
  const android = /Android (\d+(?:\.\d+)*)/.exec(agent);
  if (android) return `Android ${android[1]}`;
  // Windows 11 still says "Windows NT 10.0": only Client Hints tell the two apart.
  const windows = /Windows NT (\d+\.\d+)/.exec(agent);
  if (windows) return windows[1] === '10.0' ? 'Windows 10 or 11' : 'Windows';
  const mac = /Mac OS X (\d+[_.\d]*)/.exec(agent);
  if (mac) return `macOS ${dotted(mac[1])}`;
  if (/CrOS/.test(agent)) return 'ChromeOS';
  if (/Linux/.test(agent)) return 'Linux';
  return '';
}

// Order matters: Edge and Opera also say "Chrome", and Chrome also says "Safari".
const browserPatterns: [name: string, pattern: RegExp][] = [
  ['Edge', /\bEdg(?:e|A|iOS)?\/([\d.]+)/],
  ['Opera', /\bOPR\/([\d.]+)/],
  ['Samsung Internet', /\bSamsungBrowser\/([\d.]+)/],
  ['Firefox', /\b(?:Firefox|FxiOS)\/([\d.]+)/],
  ['Chrome', /\b(?:Chrome|CriOS)\/([\d.]+)/],
  ['Safari', /\bVersion\/([\d.]+).*Safari\//],
];

function browserFromAgent(agent: string): { browser: string; browserVersion: string } {
  for (const [browser, pattern] of browserPatterns) {
    const match = pattern.exec(agent);
    if (match) return { browser, browserVersion: match[1] ?? '' };
  }
  return { browser: '', browserVersion: '' };
}
