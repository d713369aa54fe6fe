// The handover package as Markdown and JSON (issue 11): both shapes pinned, record text escaped.
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, handoverJson, handoverMarkdown, type HandoverText } from '../../lib/handover/export';
import type { HandoverContent } from '../../lib/model';

const TEXT: HandoverText = {
  title: 'Handover package',
  generated: (iso) => `Generated ${iso}`,
  headings: {
    instructions: 'Standing instructions',
    standing: 'Standing tasks',
    open: 'Open tasks',
    contacts: 'Contacts',
    access: 'Where access lives',
    generalNote: 'Unwritten rules',
    openQuestions: 'Open questions',
  },
  columns: { task: 'Task', rule: 'Rule', next: 'Next date', average: 'Average time', budget: 'Budget', level: 'Level' },
  status: (s) => `status:${s}`,
  kind: (k) => `kind:${k}`,
  rule: (r) => (r === null ? 'none' : 'every Monday'),
  day: (d) => d ?? 'no date',
  minutes: (m) => (m === null ? '–' : `${m} min`),
  level: (l) => (l === null ? '–' : `Level ${l}`),
  lastWord: (side) => `Last word (${side})`,
  note: 'Note',
  shared: 'shared – change the password',
  changePasswords: 'Shared passwords: change them once the handover is done.',
  none: 'None',
};

const CONTENT: HandoverContent = {
  generatedAt: '2026-11-27T12:00:00.000Z',
  instructions: [{ title: 'Sources', body: 'Always cite *sources*.\n# not a heading' }],
  standingTasks: [
    {
      taskId: 'w',
      title: 'Weekly | report',
      kind: 'presentation',
      rule: 'RRULE:FREQ=WEEKLY',
      nextDate: '2026-11-30',
      averageMinutes: 45,
      budgetMinutes: 60,
      level: 2,
    },
  ],
  openTasks: [
    {
      taskId: 'o',
      title: 'Opinion [Müller](javascript:x)',
      status: 'question',
      due: null,
      lastWord: { side: 'client', excerpt: 'Yes, <b>please</b>', at: '2026-11-26T09:00:00.000Z' },
    },
  ],
  contacts: [{ name: 'Ms Roth', reach: 'office_line', note: '' }],
  access: [{ what: 'DATEV', where: 'password manager, folder "Firm"', shared: true }],
  taskNotes: [
    { taskId: 'o', note: 'Calls on Fridays.\n- not a list' },
    { taskId: 'w', note: 'PDF only.' },
  ],
  generalNote: '1. Formal "Sie" with clients',
  openQuestions: '',
};

describe('escapeMarkdown', () => {
  it.each([
    ['emphasis and code', '*a* _b_ `c`', '\\*a\\* \\_b\\_ \\`c\\`'],
    ['links and images', '![x](y) [a](b)', '\\!\\[x\\](y) \\[a\\](b)'],
    ['HTML and entities', '<b>&amp;', '\\<b\\>\\&amp;'],
    ['a heading at the start of a line', '# Titel', '\\# Titel'],
    ['list and quote starts', '- a\n+ b\n> c', '\\- a\n\\+ b\n\\> c'],
    ['a numbered item', '12. Punkt', '12\\. Punkt'],
    ['plain text and mid-line punctuation stay', 'Müller-Lüdenscheid, 3. Dez.', 'Müller-Lüdenscheid, 3. Dez.'],
  ])('%s', (_, text, expected) => {
    expect(escapeMarkdown(text)).toBe(expected);
  });
});

describe('handoverMarkdown', () => {
  it('has this shape', () => {
    expect(handoverMarkdown(CONTENT, TEXT)).toBe(
      [
        '# Handover package',
        '',
        '_Generated 2026-11-27T12:00:00.000Z_',
        '',
        '## Standing instructions',
        '',
        '### Sources',
        '',
        'Always cite \\*sources\\*.  ',
        '\\# not a heading',
        '',
        '## Standing tasks',
        '',
        '| Task | Rule | Next date | Average time | Budget | Level |',
        '| --- | --- | --- | --- | --- | --- |',
        '| Weekly \\| report (kind:presentation) | every Monday | 2026-11-30 | 45 min | 60 min | Level 2 |',
        '',
        '- **Weekly \\| report** – Note:',
        '  PDF only.',
        '',
        '## Open tasks',
        '',
        '- **Opinion \\[Müller\\](javascript:x)** – status:question, no date',
        '  Last word (client): Yes, \\<b\\>please\\</b\\>',
        '  Note:',
        '  Calls on Fridays.  ',
        '  \\- not a list',
        '',
        '## Contacts',
        '',
        '- **Ms Roth** – office\\_line',
        '',
        '## Where access lives',
        '',
        '- DATEV: password manager, folder "Firm" (shared – change the password)',
        '',
        '> Shared passwords: change them once the handover is done.',
        '',
        '## Unwritten rules',
        '',
        '1\\. Formal "Sie" with clients',
        '',
        '## Open questions',
        '',
        'None',
        '',
      ].join('\n'),
    );
  });

  it('says "None" for every empty section and prompts no password change without shared access', () => {
    const empty: HandoverContent = {
      ...CONTENT,
      instructions: [],
      standingTasks: [],
      openTasks: [],
      contacts: [],
      access: [{ what: 'Portal', where: 'her own login', shared: false }],
      taskNotes: [],
      generalNote: ' ',
      openQuestions: '',
    };
    const md = handoverMarkdown(empty, TEXT);
    expect(md.match(/\n\nNone\n/g)).toHaveLength(6);
    expect(md).not.toContain('Shared passwords');
  });
});

describe('handoverJson', () => {
  it('names its format and version first, then the package as stored', () => {
    const json = handoverJson(CONTENT);
    expect(Object.keys(JSON.parse(json))).toEqual([
      'format',
      'version',
      'generatedAt',
      'instructions',
      'standingTasks',
      'openTasks',
      'contacts',
      'access',
      'taskNotes',
      'generalNote',
      'openQuestions',
    ]);
    expect(JSON.parse(json)).toEqual({ format: 'zuarbeit-handover', version: 1, ...CONTENT });
    expect(
      json.startsWith(
        '{\n  "format": "zuarbeit-handover",\n  "version": 1,\n  "generatedAt": "2026-11-27T12:00:00.000Z",\n  "instructions": [\n    {\n      "title": "Sources",',
      ),
    ).toBe(true);
    expect(json.endsWith('}\n')).toBe(true);
  });
});
