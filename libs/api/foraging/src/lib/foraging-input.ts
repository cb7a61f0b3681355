import { ProblemException, validationFailed } from '@orca/api/core';
import {
  FORAGING_FILE_EXTENSIONS,
  FORAGING_FILE_FIELD,
  FORAGING_SOURCE_NAME_MAX_LENGTH,
  FORAGING_TEXT_MAX_BYTES,
  type ForagingTextFormat,
} from '@orca/shared/contracts';
import { textLength, unstorableReason } from '@orca/shared/domain';
import type { FieldError } from '@orca/shared/contracts';

/** A file as multer keeps it in memory (the few fields we read). */
export interface UploadedTextFile {
  readonly originalname: string;
  readonly mimetype: string;
  readonly size: number;
  readonly buffer: Buffer;
}

/** A research text ready to forage. */
export interface ForagingInput {
  readonly name: string;
  readonly text: string;
  readonly format: ForagingTextFormat;
}

const TEXT_TYPES = new Set(['text/plain', 'text/markdown', 'text/x-markdown']);
const MARKDOWN_TYPES = new Set(['text/markdown', 'text/x-markdown']);
const FORMATS: readonly ForagingTextFormat[] = ['text', 'markdown'];

const megabytes = (bytes: number) =>
  `${(bytes / 1_048_576).toLocaleString('en', { maximumFractionDigits: 2 })} MB`;

/** 413 naming the field, saying the limit and the size. */
export function tooLarge(field: string, bytes?: number): ProblemException {
  const limit = `${FORAGING_TEXT_MAX_BYTES.toLocaleString('en')} bytes (1 MB)`;
  const message =
    bytes === undefined
      ? `${field} is larger than the limit of ${limit}.`
      : `${field} is ${bytes.toLocaleString('en')} bytes (${megabytes(bytes)}); the limit is ${limit}.`;
  return new ProblemException(
    413,
    'text_too_large',
    'The research text is too large',
    `${message} Split it into several sources.`,
    [{ field, message, code: 'too_large' }],
  );
}

function unprocessable(
  field: string,
  code: string,
  title: string,
  message: string,
): ProblemException {
  return new ProblemException(422, code, title, message, [
    { field, message, code },
  ]);
}

/** The text checks shared by pasted and uploaded text: size, storable, not empty. */
function checkText(text: string, field: string): void {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > FORAGING_TEXT_MAX_BYTES) throw tooLarge(field, bytes);
  const unstorable = unstorableReason(text);
  if (unstorable)
    throw unprocessable(
      field,
      'unstorable_text',
      'The text cannot be stored',
      unstorable === 'nul'
        ? `${field} contains a NUL character (U+0000), which cannot be stored. Remove it, or save the file as plain UTF-8 text.`
        : `${field} contains a broken character (a lone UTF-16 surrogate). Remove it.`,
    );
  if (text.trim() === '')
    throw unprocessable(
      field,
      'empty_text',
      'There is no text to forage',
      `${field} is empty: paste or upload an interview, a brief or a PRD.`,
    );
}

/** The source's name: the one given, else the file's name, else the text's first line. */
function nameOf(given: unknown, fallback: string): string {
  const name = typeof given === 'string' ? given.trim() : '';
  const chosen = name || fallback.trim() || 'Research notes';
  return Array.from(chosen)
    .slice(0, FORAGING_SOURCE_NAME_MAX_LENGTH)
    .join('')
    .trim();
}

function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? '';
  const clean = line.replace(/^[#>*\-\s]+/, '').trim();
  return textLength(clean) > 80
    ? `${Array.from(clean).slice(0, 79).join('')}…`
    : clean;
}

function checkName(given: unknown, errors: FieldError[]): void {
  if (given === undefined) return;
  if (typeof given !== 'string')
    errors.push({ field: 'name', message: 'name must be text' });
  else if (unstorableReason(given))
    errors.push({
      field: 'name',
      message:
        'name contains a character that cannot be stored (NUL or a broken surrogate)',
    });
  else if (textLength(given.trim()) > FORAGING_SOURCE_NAME_MAX_LENGTH)
    errors.push({
      field: 'name',
      message: `name may be at most ${FORAGING_SOURCE_NAME_MAX_LENGTH} characters`,
    });
}

/** `{name?, text, format?}` sent as JSON. */
export function readJsonInput(body: unknown): ForagingInput {
  const request = (body && typeof body === 'object' ? body : {}) as Record<
    string,
    unknown
  >;
  const errors: FieldError[] = Object.keys(request)
    .filter((key) => !['name', 'text', 'format'].includes(key))
    .map((field) => ({ field, message: `${field} is not a known field` }));
  if (typeof request['text'] !== 'string')
    errors.push({
      field: 'text',
      message:
        request['text'] === undefined
          ? 'text is required: the research to forage'
          : 'text must be text',
    });
  checkName(request['name'], errors);
  const format = request['format'];
  if (format !== undefined && !FORMATS.includes(format as ForagingTextFormat))
    errors.push({
      field: 'format',
      message: 'format must be text or markdown',
    });
  if (errors.length > 0) throw validationFailed(errors);
  const text = request['text'] as string;
  checkText(text, 'text');
  return {
    name: nameOf(request['name'], firstLine(text)),
    text,
    format: (format as ForagingTextFormat | undefined) ?? 'text',
  };
}

/** A `.txt` or `.md` file sent as multipart/form-data (field `file`), with an optional `name`. */
export function readUpload(
  file: UploadedTextFile | undefined,
  body: unknown,
): ForagingInput {
  const fields = (body && typeof body === 'object' ? body : {}) as Record<
    string,
    unknown
  >;
  const errors: FieldError[] = [];
  checkName(fields['name'], errors);
  if (!file)
    errors.push({
      field: FORAGING_FILE_FIELD,
      message: `send the research as a .txt or .md file in the "${FORAGING_FILE_FIELD}" field`,
    });
  if (errors.length > 0 || !file) throw validationFailed(errors);
  const extension =
    /\.[^./\\]+$/.exec(file.originalname.toLowerCase())?.[0] ?? '';
  const mime = file.mimetype.split(';')[0]?.trim().toLowerCase() ?? '';
  const allowed = extension
    ? (FORAGING_FILE_EXTENSIONS as readonly string[]).includes(extension)
    : TEXT_TYPES.has(mime);
  if (!allowed)
    throw new ProblemException(
      415,
      'unsupported_file_type',
      'Only plain text and Markdown files can be foraged',
      `${file.originalname || 'The file'} is not a .txt or .md file. Save the research as plain text (or Markdown) and upload that, or paste its text.`,
      [
        {
          field: FORAGING_FILE_FIELD,
          message: 'file must be a .txt or .md file',
          code: 'unsupported_type',
        },
      ],
    );
  if (file.size > FORAGING_TEXT_MAX_BYTES)
    throw tooLarge(FORAGING_FILE_FIELD, file.size);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file.buffer);
  } catch {
    throw unprocessable(
      FORAGING_FILE_FIELD,
      'not_utf8',
      'The file is not UTF-8 text',
      `${file.originalname} is not UTF-8 text (is it a word-processor document, or saved in another encoding?). Save it as UTF-8 plain text.`,
    );
  }
  checkText(text, FORAGING_FILE_FIELD);
  const markdown =
    extension === '.md' ||
    extension === '.markdown' ||
    MARKDOWN_TYPES.has(mime);
  return {
    name: nameOf(
      fields['name'],
      file.originalname.replace(/\.[^.]+$/, '') || firstLine(text),
    ),
    text,
    format: markdown ? 'markdown' : 'text',
  };
}
