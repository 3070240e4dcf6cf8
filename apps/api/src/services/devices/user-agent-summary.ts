/** Browser and operating system, as a person would name them: `Chrome 131`, `Android 14`. */
export type UserAgentSummary = { browser: string | null; os: string | null };

/** Order matters: Edge and Samsung Internet also say "Chrome", Chrome also says "Safari". */
const BROWSERS: [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/\bSamsungBrowser\/(\d+)/, 'Samsung Internet'],
  [/\bOPR\/(\d+)/, 'Opera'],
  [/\bFirefox\/(\d+)/, 'Firefox'],
  [/\bFxiOS\/(\d+)/, 'Firefox'],
  [/\bCriOS\/(\d+)/, 'Chrome'],
  [/(?:\b|Headless)Chrom(?:e|ium)\/(\d+)/, 'Chrome'],
  [/\bVersion\/(\d+)(?:\.\d+)?.*\bSafari\//, 'Safari'],
];

function osOf(ua: string): string | null {
  const android = /\bAndroid (\d+(?:\.\d+)?)/.exec(ua);
  if (android) return `Android ${android[1]}`;
  const ios = /\b(?:iPhone|iPad|iPod).*? OS (\d+)(?:_(\d+))?/.exec(ua);
  if (ios) return `iOS ${ios[1]}${ios[2] ? `.${ios[2]}` : ''}`;
  if (/\bCrOS\b/.test(ua)) return 'ChromeOS';
  if (/\bWindows NT\b/.test(ua)) return 'Windows';
  // iPadOS 13+ asks for desktop sites and says "Macintosh".
  if (/\bMac OS X\b/.test(ua)) return 'macOS';
  if (/\bLinux\b/.test(ua)) return 'Linux';
  return null;
}

/**
 * A short summary of a user-agent string for lists; the raw string is kept but never listed
 * (it is long, and it is not what an admin recognises a phone by). Unknown parts are null.
 */
export function summarizeUserAgent(ua: string | null): UserAgentSummary {
  if (!ua) return { browser: null, os: null };
  let browser: string | null = null;
  for (const [pattern, name] of BROWSERS) {
    const match = pattern.exec(ua);
    if (match) {
      browser = `${name} ${match[1]}`;
      break;
    }
  }
  return { browser, os: osOf(ua) };
}
