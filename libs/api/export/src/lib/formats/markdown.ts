/**
 * Markdown: the Object Guide — a section per object with its definition, synonyms, examples,
 * states, attributes (core content, then metadata), nested objects with cardinality and MCSFD,
 * and the CTAs of each role with their conditions. Names and short texts are escaped so they read
 * literally; definitions are the team's own Markdown, quoted so they cannot break the structure.
 */
import {
  type Attribute,
  attributeTypePhrase,
  cardinalityPhrase,
  type GuideEntry,
  type ObjectGuide,
  objectGuide,
  SIP_QUESTIONS,
} from '@orca/shared/domain';
import {
  type ExportFormatFunction,
  exportedModel,
  exportSubtitle,
  progressRange,
} from './export-options';
import { count, escapeMarkdown as md } from './text';

function cell(text: string): string {
  return md(text) || ' ';
}

function table(header: readonly string[], rows: readonly string[][]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ];
}

/**
 * A link target a reader's Markdown renderer may follow: http(s), mailto, or a plain relative
 * path. Anything else (`javascript:`, `data:`, or a scheme hidden behind an entity or a backslash
 * escape, which renderers decode) is not.
 */
function isSafeTarget(target: string): boolean {
  return /^(https?:\/\/|mailto:)/i.test(target) || !/[:&\\]/.test(target);
}

/** Links and reference definitions with unsafe targets, broken so they read as plain text. */
function inertLinks(markdown: string): string {
  return markdown
    .replace(/\]\(\s*([^\s)]*)/g, (link: string, target: string) =>
      isSafeTarget(target) ? link : link.replace('](', ']\\('),
    )
    .replace(
      /^(\s*)\[([^\]\n]*)\]:\s*(\S+)/gm,
      (definition: string, indent: string, label: string, target: string) =>
        isSafeTarget(target)
          ? definition
          : `${indent}\\[${label}\\]: ${target}`,
    );
}

/** The team's own Markdown as a quote: it keeps its formatting but cannot start a section, run HTML or link to script. */
function quoted(markdown: string): string[] {
  return inertLinks(markdown.replace(/</g, '&lt;'))
    .trimEnd()
    .split(/\r?\n/)
    .map((line) => (line.trim() === '' ? '>' : `> ${line}`));
}

function attributeRows(
  attributes: readonly Attribute[],
  guide: ObjectGuide,
): string[][] {
  return attributes.map((a) => [
    a.name,
    attributeTypePhrase(a, guide.objectName),
    a.required ? 'yes' : 'no',
    [
      a.description,
      a.defaultValue !== null ? `default: ${a.defaultValue}` : '',
      a.source ? `source: ${a.source}` : '',
      a.visibility ? `visible to: ${a.visibility}` : '',
      a.priority ? `priority: ${a.priority}` : '',
    ]
      .filter(Boolean)
      .join('; '),
  ]);
}

function objectSection(entry: GuideEntry, guide: ObjectGuide): string[] {
  const { object } = entry;
  const lines: string[] = [`## ${md(object.name)}`, ''];
  const facts = [
    object.priority
      ? `**Priority:** ${object.priority}`
      : '**Priority:** not set',
    object.score !== null ? `**Score:** ${object.score}` : '',
  ].filter(Boolean);
  lines.push(facts.join(' · '), '');
  lines.push(
    ...(object.definition.trim()
      ? quoted(object.definition)
      : ['_No definition yet._']),
    '',
  );
  if (object.synonyms.length > 0)
    lines.push(`**Synonyms:** ${object.synonyms.map(md).join(', ')}`, '');
  if (object.examples.length > 0)
    lines.push(`**Examples:** ${object.examples.map(md).join(', ')}`, '');
  const sip = SIP_QUESTIONS.filter((q) => object.sip[q].answer !== null);
  if (sip.length > 0)
    lines.push(
      `**SIP:** ${sip
        .map(
          (q) =>
            `${q} ${object.sip[q].answer}${object.sip[q].note ? ` (${md(object.sip[q].note)})` : ''}`,
        )
        .join(', ')}`,
      '',
    );

  lines.push('### States', '');
  if (object.states.length === 0) lines.push('_No states._', '');
  else {
    object.states.forEach((state, index) =>
      lines.push(
        `${index + 1}. **${md(state.name)}**${state.description ? ` — ${md(state.description)}` : ''}${
          state.transitions.length > 0
            ? ` (→ ${state.transitions.map(md).join(', ')})`
            : ''
        }`,
      ),
    );
    lines.push('');
  }

  lines.push('### Attributes', '');
  const header = ['Attribute', 'Type', 'Required', 'Notes'];
  lines.push('#### Core content', '');
  lines.push(
    ...(entry.core.length > 0
      ? table(header, attributeRows(entry.core, guide))
      : ['_No core content: the object has nothing to show on its card._']),
    '',
  );
  lines.push('#### Metadata', '');
  lines.push(
    ...(entry.metadata.length > 0
      ? table(header, attributeRows(entry.metadata, guide))
      : ['_No metadata._']),
    '',
  );

  lines.push('### Nested objects', '');
  lines.push(
    ...(entry.nested.length > 0
      ? table(
          [
            'Object',
            'Relationship',
            'Cardinality',
            'Mechanics',
            'Sort',
            'Filter',
            'Dependency',
          ],
          entry.nested.map(({ relationship: r, object: o }) => [
            o.name,
            r.label,
            cardinalityPhrase(r),
            r.mechanics,
            r.sort,
            r.filter,
            r.dependency,
          ]),
        )
      : ['_Nests no other object._']),
    '',
  );

  lines.push('### Calls to action', '');
  if (entry.ctasByRole.length === 0) lines.push('_No CTAs._', '');
  for (const group of entry.ctasByRole) {
    lines.push(
      `#### ${md(group.role.name)}${group.role.archived ? ' (archived role)' : ''}`,
      '',
      ...table(
        [
          'CTA',
          'CRUD',
          'Primary',
          'Required state',
          'Preconditions',
          'Postconditions',
        ],
        group.ctas.map((cta) => [
          cta.verb,
          cta.crud,
          cta.primary ? 'yes' : 'no',
          cta.requiredState ?? '',
          cta.preconditions,
          cta.postconditions,
        ]),
      ),
      '',
    );
    const stories = group.ctas.filter((cta) => cta.userStory.trim());
    if (stories.length > 0) {
      lines.push(
        ...stories.map((cta) => `- ${md(cta.verb)}: ${md(cta.userStory)}`),
        '',
      );
    }
  }
  if (object.openQuestions.length > 0) {
    lines.push(
      '### Open questions',
      '',
      ...object.openQuestions.map((q) => `- ${md(q)}`),
      '',
    );
  }
  return lines;
}

export const exportMarkdown: ExportFormatFunction = async (model, options) => {
  const progress = progressRange(options, 0, 100);
  progress(0);
  const guide = objectGuide(exportedModel(model, options));
  const lines: string[] = [
    `# ${md(options.projectName)}: Object Guide`,
    '',
    `_${md(exportSubtitle(options))}_`,
    '',
  ];
  if (options.projectDescription?.trim())
    lines.push(...quoted(options.projectDescription), '');
  lines.push(
    `${count(guide.entries.length, 'object')}; roles: ${
      guide.roles.length > 0
        ? guide.roles.map((role) => md(role.name)).join(', ')
        : 'none yet'
    }.`,
    '',
  );
  if (guide.entries.length > 0) {
    lines.push(
      '## Objects',
      '',
      ...guide.entries.map(
        (entry, index) =>
          `${index + 1}. ${md(entry.object.name)}${entry.object.priority ? ` (${entry.object.priority})` : ''}`,
      ),
      '',
    );
  }
  guide.entries.forEach((entry, index) => {
    lines.push(...objectSection(entry, guide));
    progress((index + 1) / guide.entries.length);
  });
  progress(1);
  return `${lines.join('\n').trimEnd()}\n`;
};
