import { describe, expect, it } from 'vitest';
import { parseInviteeList } from '../../api/enrolment/parse-invitee-list.ts';

describe('parseInviteeList', () => {
  it('reads "name, e-mail, company" lines, lower-casing the e-mail', () => {
    expect(parseInviteeList('Jane Doe, Jane@Example.com, Acme\nBob Ray, bob@example.com, Initech\n')).toEqual({
      invitees: [
        { name: 'Jane Doe', email: 'jane@example.com', company: 'Acme' },
        { name: 'Bob Ray', email: 'bob@example.com', company: 'Initech' },
      ],
      errors: [],
    });
  });

  it('follows a header row, whatever the order of its columns', () => {
    const { invitees, errors } = parseInviteeList('Company,E-mail,Name\r\nAcme,jane@example.com,Jane Doe\r\n');
    expect(errors).toEqual([]);
    expect(invitees).toEqual([{ name: 'Jane Doe', email: 'jane@example.com', company: 'Acme' }]);
  });

  it('joins first and last name columns', () => {
    const { invitees } = parseInviteeList('first_name;last_name;email;organisation\nJane;Doe;jane@example.com;Acme');
    expect(invitees).toEqual([{ name: 'Jane Doe', email: 'jane@example.com', company: 'Acme' }]);
  });

  it('reads quoted fields with delimiters, doubled quotes and line breaks inside', () => {
    const text = '"Doe, Jane",jane@example.com,"Acme ""Labs"", Inc."\n"Ray,\nBob",bob@example.com,Initech';
    expect(parseInviteeList(text)).toEqual({
      invitees: [
        { name: 'Doe, Jane', email: 'jane@example.com', company: 'Acme "Labs", Inc.' },
        { name: 'Ray,\nBob', email: 'bob@example.com', company: 'Initech' },
      ],
      errors: [],
    });
  });

  it('reads semicolons and tabs as delimiters', () => {
    expect(parseInviteeList('Jane Doe; jane@example.com; Acme').invitees).toEqual([
      { name: 'Jane Doe', email: 'jane@example.com', company: 'Acme' },
    ]);
    expect(parseInviteeList('Jane Doe\tjane@example.com\tAcme, Inc.').invitees).toEqual([
      { name: 'Jane Doe', email: 'jane@example.com', company: 'Acme, Inc.' },
    ]);
  });

  it('reads addresses as mail programs copy them, several to a line', () => {
    const { invitees, errors } = parseInviteeList(
      'Jane Doe <jane@example.com>; "Ray, Bob" <bob@example.com>\nAnn Lee <ann@example.com>; Acme',
    );
    expect(errors).toEqual([]);
    expect(invitees).toEqual([
      { name: 'Jane Doe', email: 'jane@example.com', company: '' },
      { name: 'Ray, Bob', email: 'bob@example.com', company: '' },
      { name: 'Ann Lee', email: 'ann@example.com', company: 'Acme' },
    ]);
  });

  it('takes a list of bare addresses, naming each person after their address', () => {
    expect(parseInviteeList('jane.doe@example.com\n\n  bob@example.com  \n').invitees).toEqual([
      { name: 'Jane Doe', email: 'jane.doe@example.com', company: '' },
      { name: 'Bob', email: 'bob@example.com', company: '' },
    ]);
  });

  it('puts the name after a bare address that comes first, and the company after a named one', () => {
    expect(parseInviteeList('jane@example.com, Jane Doe, Acme\nBob Ray <bob@example.com>, Initech').invitees).toEqual([
      { name: 'Jane Doe', email: 'jane@example.com', company: 'Acme' },
      { name: 'Bob Ray', email: 'bob@example.com', company: 'Initech' },
    ]);
  });

  it('reports each line it cannot read, with its number, and keeps the others', () => {
    const text = [
      'Name, E-mail, Company',
      'Jane Doe, jane@example.com, Acme',
      'Nobody, no address here, Acme',
      'Broken, jane@, Acme',
      'Jane Again, JANE@example.com, Acme',
      'Ann Lee, ann@example.com, Acme',
    ].join('\n');
    const { invitees, errors } = parseInviteeList(text);
    expect(invitees).toEqual([
      { name: 'Jane Doe', email: 'jane@example.com', company: 'Acme' },
      { name: 'Ann Lee', email: 'ann@example.com', company: 'Acme' },
    ]);
    expect(errors).toEqual([
      { line: 3, message: '"no address here" is not a valid e-mail address' },
      { line: 4, message: '"jane@" is not a valid e-mail address' },
      { line: 5, message: 'jane@example.com is listed already (line 2)' },
    ]);
  });

  it('reports lines without an address, or with several mixed with other fields, when there is no header', () => {
    expect(parseInviteeList('Nobody Here, Acme\nTwo, a@example.com, Acme, b@example.com').errors).toEqual([
      { line: 1, message: 'No e-mail address on this line' },
      { line: 2, message: 'More than one e-mail address on this line' },
    ]);
  });

  it('reports a quote that is never closed', () => {
    const { invitees, errors } = parseInviteeList('Jane, jane@example.com, Acme\n"Bob, bob@example.com, Acme');
    expect(invitees).toHaveLength(1);
    expect(errors).toEqual([{ line: 2, message: 'A quote (") opened on this line is never closed' }]);
  });

  it('stops at 500 people', () => {
    const text = Array.from({ length: 502 }, (_, index) => `person${index}@example.com`).join('\n');
    const { invitees, errors } = parseInviteeList(text);
    expect(invitees).toHaveLength(500);
    expect(errors.map((error) => error.line)).toEqual([501, 502]);
  });

  it('finds nobody in an empty text, and says nothing about it', () => {
    expect(parseInviteeList(' \n\n')).toEqual({ invitees: [], errors: [] });
  });
});
