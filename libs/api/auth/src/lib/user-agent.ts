/** Browsers by the token that names them, most specific first (Edge and Opera also say "Chrome"). */
const BROWSERS: ReadonlyArray<[RegExp, string]> = [
  [/\bEdg(?:e|A|iOS)?\//, 'Edge'],
  [/\b(?:OPR|Opera)\//, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\bVivaldi\//, 'Vivaldi'],
  [/\b(?:Firefox|FxiOS)\//, 'Firefox'],
  [/\bCriOS\//, 'Chrome'],
  [/\bChromium\//, 'Chromium'],
  [/\b(?:Headless)?Chrome\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
];

/** Clients that are not browsers: someone signed in from a script. */
const TOOLS: ReadonlyArray<[RegExp, string]> = [
  [/^curl\//i, 'curl'],
  [/^Wget\//i, 'Wget'],
  [/^PostmanRuntime\//, 'Postman'],
  [/^python-requests\//i, 'Python requests'],
  [/^(?:node-fetch|undici|node)\b/i, 'Node.js'],
  [/^axios\//i, 'axios'],
];

const SYSTEMS: ReadonlyArray<[RegExp, string]> = [
  [/\biPhone\b/, 'iPhone'],
  [/\biPad\b/, 'iPad'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
];

const firstMatch = (
  candidates: ReadonlyArray<[RegExp, string]>,
  text: string,
): string | null =>
  candidates.find(([pattern]) => pattern.test(text))?.[1] ?? null;

/**
 * A sessions list that says "Chrome on Linux" lets a person recognise their own devices; the raw
 * User-Agent header does not. Unknown clients are called what they are: unknown.
 */
export function describeUserAgent(
  userAgent: string | null | undefined,
): string {
  const text = userAgent?.trim() ?? '';
  if (text === '') return 'Unknown device';
  const tool = firstMatch(TOOLS, text);
  if (tool) return tool;
  const browser = firstMatch(BROWSERS, text);
  const system = firstMatch(SYSTEMS, text);
  if (browser && system) return `${browser} on ${system}`;
  if (browser) return browser;
  if (system) return `A browser on ${system}`;
  return 'Unknown device';
}
