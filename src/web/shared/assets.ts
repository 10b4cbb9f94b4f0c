import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The page assets: one stylesheet (NL Design System tokens and components from @utrecht, the Noto Sans
 * font the tokens ask for, and Loket's own few rules), plus the fonts and icons it points at. Read once
 * from node_modules, named by content hash so browsers may cache them for a year, compressed once.
 */

export const ASSET_PREFIX = '/assets/';

interface Asset {
  /** Name with the content hash, as it appears in URLs: `loket.3f2a9c1d.css`. */
  hashedName: string;
  type: string;
  body: Buffer;
  gzip?: Buffer;
  brotli?: Buffer;
}

const require = createRequire(import.meta.url);
const tokensDir = require.resolve('@utrecht/design-tokens/package.json').replace(/package\.json$/, '');
const fromTokens = createRequire(`${tokensDir}package.json`);

const FONT_FILES = [
  'noto-sans-latin-wght-normal.woff2',
  'noto-sans-latin-ext-wght-normal.woff2',
  'noto-sans-latin-wght-italic.woff2',
  'noto-sans-latin-ext-wght-italic.woff2',
];
// The unicode ranges of fontsource's "latin" and "latin-ext" subsets, so browsers fetch only what a page uses.
const LATIN =
  'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD';
const LATIN_EXT =
  'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF';
const ICON_FILES = [
  'pijltje.svg',
  'pijltje-wit.svg',
  'pijltje-zwart.svg',
  'icoon-zoek-rood.svg',
  'arrow-dropdown.svg',
];

function hashed(name: string, body: Buffer): string {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
  const dot = name.lastIndexOf('.');
  return `${name.slice(0, dot)}.${hash}${name.slice(dot)}`;
}

function makeAsset(name: string, type: string, body: Buffer, compress: boolean): Asset {
  const asset: Asset = { hashedName: hashed(name, body), type, body };
  if (compress) {
    // Brotli 9 is 20 times faster than 11 here and only ~10% bigger: startup time matters more.
    asset.gzip = gzipSync(body, { level: 9 });
    asset.brotli = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } });
  }
  return asset;
}

function loadAssets(): Map<string, Asset> {
  const byName = new Map<string, Asset>();
  const add = (name: string, asset: Asset) => byName.set(name, asset);

  for (const file of FONT_FILES) {
    const body = readFileSync(fromTokens.resolve(`@fontsource-variable/noto-sans/files/${file}`));
    add(file, makeAsset(file, 'font/woff2', body, false));
  }
  for (const file of ICON_FILES) {
    add(file, makeAsset(file, 'image/svg+xml', readFileSync(`${tokensDir}src/${file}`), true));
  }
  const url = (name: string) => `${ASSET_PREFIX}${byName.get(name)!.hashedName}`;

  const fontFaces = FONT_FILES.map((file) => {
    const italic = file.includes('italic');
    const range = file.includes('latin-ext') ? LATIN_EXT : LATIN;
    return `@font-face{font-family:'Noto Sans Variable';font-style:${italic ? 'italic' : 'normal'};font-display:swap;font-weight:100 900;src:url(${url(file)}) format('woff2-variations');unicode-range:${range};}`;
  }).join('\n');
  const icons = readFileSync(`${tokensDir}dist/background-image-icon.css`, 'utf8').replace(
    /url\("\.\/([a-z-]+\.svg)"\)/g,
    (whole, file: string) => (byName.has(file) ? `url("${url(file)}")` : whole),
  );
  const stylesheet = [
    '@charset "UTF-8";',
    fontFaces,
    readFileSync(`${tokensDir}dist/theme.css`, 'utf8'),
    icons,
    readFileSync(require.resolve('@utrecht/component-library-css/dist/index.css'), 'utf8'),
    readFileSync(new URL('./loket.css', import.meta.url), 'utf8'),
  ]
    .join('\n')
    .replace(/^@charset "UTF-8";$/gm, (m, offset: number) => (offset === 0 ? m : ''));
  add('loket.css', makeAsset('loket.css', 'text/css; charset=utf-8', Buffer.from(stylesheet), true));
  return byName;
}

let assets: Map<string, Asset> | undefined;
/** Loaded on first use (at startup: the first page or the plugin), then kept. */
function allAssets(): Map<string, Asset> {
  assets ??= loadAssets();
  return assets;
}

/** The URL of an asset by its plain name, e.g. `assetUrl('loket.css')` → `/assets/loket.3f2a9c1d0b.css`. */
export function assetUrl(name: string): string {
  const asset = allAssets().get(name);
  if (!asset) throw new Error(`unknown asset ${name}`);
  return `${ASSET_PREFIX}${asset.hashedName}`;
}

const IMMUTABLE = 'public, max-age=31536000, immutable';

function send(req: FastifyRequest, reply: FastifyReply, asset: Asset, cacheControl: string) {
  reply.header('content-type', asset.type).header('cache-control', cacheControl);
  reply.header('x-content-type-options', 'nosniff');
  if (asset.gzip) reply.header('vary', 'accept-encoding');
  const accepted = String(req.headers['accept-encoding'] ?? '');
  if (asset.brotli && /\bbr\b/.test(accepted))
    return reply.header('content-encoding', 'br').send(asset.brotli);
  if (asset.gzip && /\bgzip\b/.test(accepted))
    return reply.header('content-encoding', 'gzip').send(asset.gzip);
  return reply.send(asset.body);
}

/**
 * Serves the assets at /assets/<name>.<hash>.<ext> with a year-long, immutable cache. A URL with an old
 * hash (a page rendered by the previous version during a rolling update) still gets the current file,
 * but not cached, so it is replaced on the next visit.
 */
export async function registerWebAssets(app: FastifyInstance): Promise<void> {
  const byHashedName = new Map<string, Asset>();
  const byStem = new Map<string, Asset>();
  for (const [name, asset] of allAssets()) {
    byHashedName.set(asset.hashedName, asset);
    byStem.set(name, asset);
  }
  app.get<{ Params: { file: string } }>(
    `${ASSET_PREFIX}:file`,
    { config: { auth: 'public' }, schema: { hide: true } as object },
    async (req, reply) => {
      const { file } = req.params;
      const exact = byHashedName.get(file);
      if (exact) return send(req, reply, exact, IMMUTABLE);
      const stem = file.replace(/\.[0-9a-f]{10}(\.[a-z0-9]+)$/, '$1');
      const current = stem !== file ? byStem.get(stem) : undefined;
      if (current) return send(req, reply, current, 'no-cache');
      return reply.callNotFound();
    },
  );
}
