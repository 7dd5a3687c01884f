import sharp from 'sharp';
import { expectNoUserErrors, graphql, type UserError } from './client.js';

/**
 * The demo's pictures and files, made here (no download) and uploaded through the API as any client
 * would: createUpload, the PUT to the link it gives, completeUpload.
 */

const PALETTE = ['#1abc9c', '#2980b9', '#8e44ad', '#c0392b', '#d35400', '#16a085', '#2c3e50', '#7f8c8d', '#27ae60', '#e67e22'];

function colourOf(text: string): string {
  let hash = 0;
  for (const char of text) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return PALETTE[hash % PALETTE.length]!;
}

const escapeXml = (text: string) => text.replace(/[<>&'"]/g, (c) => `&#${c.codePointAt(0)};`);

/** Words in lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** A 1200x800 PNG card: the gig's title on a colour of its own, with a second shade for variety. */
export async function gigCard(title: string, variant: number): Promise<Buffer> {
  const colour = colourOf(`${title}${variant}`);
  const lines = wrap(title.replace(/^I will /i, ''), 26).slice(0, 4);
  const text = lines
    .map(
      (line, i) => `<text x="80" y="${330 + i * 90 - (lines.length - 1) * 45}" font-size="72" font-weight="bold">${escapeXml(line)}</text>`,
    )
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${colour}"/><stop offset="1" stop-color="#111"/></linearGradient></defs>
    <rect width="1200" height="800" fill="url(#g)"/>
    <circle cx="${1000 - variant * 120}" cy="${160 + variant * 80}" r="220" fill="#fff" fill-opacity="0.08"/>
    <g font-family="DejaVu Sans, sans-serif" fill="#fff">${text}
      <text x="80" y="720" font-size="32" fill-opacity="0.7">Gigmart demo</text></g>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** A 400x400 PNG avatar: the initials on a circle. */
export async function avatarPicture(name: string): Promise<Buffer> {
  const initials = name
    .split(/[\s_]+/)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('')
    .slice(0, 2);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400">
    <circle cx="200" cy="200" r="200" fill="${colourOf(name)}"/>
    <text x="200" y="250" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-size="150" font-weight="bold" fill="#fff">${escapeXml(initials)}</text>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

interface UploadPayload {
  file: { id: string } | null;
  target: { url: string; method: string; headers: Array<{ name: string; value: string }> } | null;
  userErrors: UserError[];
}

/** createUpload, the PUT of the bytes, completeUpload: the READY file's id. */
export async function uploadFile(
  url: string,
  token: string,
  file: { purpose: string; name: string; contentType: string; bytes: Buffer },
): Promise<string> {
  const created = await graphql<{ createUpload: UploadPayload }>(
    url,
    'mutation ($input: CreateUploadInput!) { createUpload(input: $input) { file { id } target { url method headers { name value } } userErrors { field message code } } }',
    { input: { purpose: file.purpose, name: file.name, contentType: file.contentType, sizeBytes: file.bytes.length } },
    token,
  );
  expectNoUserErrors(`createUpload ${file.name}`, created.createUpload.userErrors);
  const { file: pending, target } = created.createUpload;
  const headers = Object.fromEntries(target!.headers.filter((h) => h.name !== 'Content-Length').map((h) => [h.name, h.value]));
  const put = await fetch(target!.url, { method: target!.method, headers, body: new Uint8Array(file.bytes) });
  if (!put.ok) throw new Error(`upload of ${file.name} answered ${put.status}: ${await put.text()}`);
  const completed = await graphql<{
    completeUpload: { file: { status: string; rejectionReason: string | null } | null; userErrors: UserError[] };
  }>(
    url,
    'mutation ($id: ID!) { completeUpload(input: { fileId: $id }) { file { status rejectionReason } userErrors { field message code } } }',
    { id: pending!.id },
    token,
  );
  expectNoUserErrors(`completeUpload ${file.name}`, completed.completeUpload.userErrors);
  if (completed.completeUpload.file?.status !== 'READY') {
    throw new Error(`${file.name} was not accepted: ${completed.completeUpload.file?.rejectionReason ?? 'unknown reason'}`);
  }
  return pending!.id;
}
