import { type Invitee, inviteeSchema, maxInvitees } from './enrolment.schemas.ts';

// Turns what a program lead pastes or uploads into invitees, before anything is sent to the API:
// a CSV ("name, e-mail, company", with or without a header row, quoted fields, commas, semicolons
// or tabs), a list of addresses one per line, or addresses as mail programs copy them
// ("Jane Doe <jane@example.com>; Bob <bob@example.com>"). Pure, so the portal runs it as you type.

export type InviteeListError = { line: number; message: string };

type InviteeRecord = { line: number; fields: string[] };

type Columns = { email: number; name?: number; firstName?: number; lastName?: number; company?: number };

const headerNames: [keyof Columns, RegExp][] = [
  ['email', /^(e-?mail|e-?mail address|mail|address)$/],
  ['firstName', /^(first|given) ?name$/],
  ['lastName', /^(last|family|sur) ?name$|^surname$/],
  ['name', /^(full ?)?name$|^display name$/],
  ['company', /^(company|company name|organi[sz]ation|org|employer)$/],
];

/** Invitees found in the text, and a message for each line that could not be read (1-based line numbers). */
export function parseInviteeList(text: string): { invitees: Invitee[]; errors: InviteeListError[] } {
  const source = text.replace(/^\uFEFF/, '');
  const errors: InviteeListError[] = [];
  const records = readRecords(source, detectDelimiter(source), errors);
  const columns = records[0] ? readHeader(records[0].fields) : undefined;
  const rows = columns === undefined ? records : records.slice(1);

  const invitees: Invitee[] = [];
  const lineOf = new Map<string, number>();
  for (const record of rows) {
    const found = columns ? byHeader(record.fields, columns) : byPosition(record.fields);
    if (typeof found === 'string') {
      errors.push({ line: record.line, message: found });
      continue;
    }
    for (const candidate of found) {
      const parsed = inviteeSchema.safeParse({
        email: candidate.email,
        name: candidate.name || nameFromEmail(candidate.email),
        company: candidate.company,
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = issue?.path[0];
        errors.push({
          line: record.line,
          message:
            field === 'email'
              ? `"${candidate.email}" is not a valid e-mail address`
              : `${field === 'company' ? 'Company' : 'Name'}: ${issue?.message ?? 'not valid'}`,
        });
        continue;
      }
      const invitee = parsed.data;
      const first = lineOf.get(invitee.email);
      if (first !== undefined) {
        errors.push({ line: record.line, message: `${invitee.email} is listed already (line ${first})` });
        continue;
      }
      if (invitees.length === maxInvitees) {
        errors.push({
          line: record.line,
          message: `At most ${maxInvitees} people can be invited at once; ${invitee.email} was left out`,
        });
        continue;
      }
      lineOf.set(invitee.email, record.line);
      invitees.push(invitee);
    }
  }
  errors.sort((a, b) => a.line - b.line);
  return { invitees, errors };
}

/** Tabs if there are any; else semicolons if they outnumber commas (as in European spreadsheets). */
function detectDelimiter(text: string): string {
  const counts = { '\t': 0, ';': 0, ',': 0 };
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char in counts) counts[char as keyof typeof counts] += 1;
  }
  if (counts['\t'] > 0) return '\t';
  return counts[';'] > 0 && counts[';'] >= counts[','] ? ';' : ',';
}

/** CSV records (RFC 4180 quoting, leniently), each with the line it starts on; blank records are skipped. */
function readRecords(text: string, delimiter: string, errors: InviteeListError[]): InviteeRecord[] {
  const records: InviteeRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  const endRecord = () => {
    fields.push(field.trim());
    if (fields.some((value) => value !== '')) records.push({ line: start, fields });
    fields = [];
    field = '';
  };
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else {
        if (char === '\n') line += 1;
        field += char;
      }
    } else if (char === '"' && field.trim() === '') {
      field = '';
      quoted = true;
    } else if (char === delimiter) {
      fields.push(field.trim());
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index += 1;
      endRecord();
      line += 1;
      start = line;
    } else field += char;
  }
  if (quoted) {
    errors.push({ line: start, message: 'A quote (") opened on this line is never closed' });
    return records;
  }
  endRecord();
  return records;
}

function normaliseHeader(value: string): string {
  return value
    .toLowerCase()
    .replace(/[_\s]+/g, ' ')
    .trim();
}

/** Column positions when the first record is a header row (names a known column, holds no address). */
function readHeader(fields: string[]): Columns | undefined {
  if (fields.some((value) => value.includes('@'))) return undefined;
  const found: Partial<Columns> = {};
  fields.forEach((value, index) => {
    const name = normaliseHeader(value);
    const match = headerNames.find(([, pattern]) => pattern.test(name));
    if (match && found[match[0]] === undefined) found[match[0]] = index;
  });
  if (found.email === undefined) return undefined;
  return { ...found, email: found.email };
}

type Candidate = { email: string; name: string; company: string };

function byHeader(fields: string[], columns: Columns): Candidate[] | string {
  const at = (index: number | undefined) => (index === undefined ? '' : (fields[index] ?? ''));
  const address = splitAddress(at(columns.email));
  if (!address.email) return 'No e-mail address on this line';
  const name = at(columns.name) || [at(columns.firstName), at(columns.lastName)].filter(Boolean).join(' ');
  return [{ email: address.email, name: name || address.name, company: at(columns.company) }];
}

/**
 * Without a header: the field holding an address is the e-mail; before it comes the name (maybe
 * split over columns), after it the company. A bare address first is followed by name, then
 * company. A line of nothing but addresses is one person per address.
 */
function byPosition(fields: string[]): Candidate[] | string {
  const filled = fields.filter((value) => value !== '');
  const addresses = fields.flatMap((value, index) => (value.includes('@') ? [index] : []));
  if (addresses.length === 0) return 'No e-mail address on this line';
  if (addresses.length > 1) {
    if (addresses.length !== filled.length) return 'More than one e-mail address on this line';
    return filled.map((value) => ({ ...splitAddress(value), company: '' }));
  }
  const at = addresses[0]!;
  const address = splitAddress(fields[at]!);
  const before = fields.slice(0, at).filter(Boolean);
  const after = fields.slice(at + 1);
  if (at === 0 && !address.name) return [{ email: address.email, name: after[0] ?? '', company: after[1] ?? '' }];
  return [{ email: address.email, name: before.join(' ') || address.name, company: after[0] ?? '' }];
}

/** `Jane Doe <jane@example.com>`, `"Doe, Jane" <jane@…>`, `Jane Doe jane@…`, `mailto:jane@…` or a bare address. */
function splitAddress(value: string): { email: string; name: string } {
  const angle = /^(.*?)\s*<\s*([^<>\s]*)\s*>$/.exec(value);
  if (angle) return { email: stripMailto(angle[2]!), name: unquote(angle[1]!.trim()) };
  const words = value.split(/\s+/).filter(Boolean);
  const index = words.findIndex((word) => word.includes('@'));
  if (words.length > 1 && index >= 0) {
    const email = words[index]!.replace(/^[<("']+|[>)"',;]+$/g, '');
    return { email: stripMailto(email), name: words.filter((_, other) => other !== index).join(' ') };
  }
  return { email: stripMailto(value), name: '' };
}

function stripMailto(value: string): string {
  return value.replace(/^mailto:/i, '').trim();
}

function unquote(value: string): string {
  return value.replace(/^["'](.*)["']$/, '$1').trim();
}

/** `jane.doe@…` → `Jane Doe`: something to greet a person by until they give their own name. */
function nameFromEmail(email: string): string {
  const local = email.split('@')[0] ?? '';
  const words = local.split(/[._+-]+/).filter(Boolean);
  return words.length ? words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join(' ') : local;
}
