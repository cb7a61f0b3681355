/**
 * PDF (pdfmake, pure JS, no browser): the Object Guide (a section per object), the Object Map
 * (a column of coloured notes per object, on landscape pages) and the system graph (the app's
 * SVG, on a landscape page), A4, printable, with the Roboto font pdfmake ships (Latin, Greek and
 * Cyrillic). pdfmake may read only those font files and fetch nothing.
 */
import type { Attribute } from '@orca/shared/domain';
import type {
  Content,
  Style,
  TableCell,
  TDocumentDefinitions,
} from 'pdfmake/interfaces';
import {
  type ExportFormatFunction,
  exportedModel,
  exportSubtitle,
  progressRange,
} from './export-options';
import {
  attributeTypePhrase,
  cardinalityPhrase,
  type GuideEntry,
  type ObjectGuide,
  objectGuide,
  OOUX_COLOURS,
} from '@orca/shared/domain';
import {
  SYSTEM_GRAPH_METRICS,
  systemGraphLayout,
  systemGraphSvg,
  type SystemGraphLayout,
} from '@orca/shared/diagrams';
import { markdownToPdf } from './pdf-markdown';
import { count } from './text';
// pdfmake exports an instance whose methods live on its prototype: a namespace import would
// copy own properties only and lose them, so it is loaded as the CommonJS value it is.
import pdfMake = require('pdfmake');

/** The font files pdfmake ships for Node, as `{Roboto: {normal, bold, italics, bolditalics}}` paths. */
interface RobotoFonts {
  readonly Roboto: Readonly<
    Record<'normal' | 'bold' | 'italics' | 'bolditalics', string>
  >;
}
const robotoFonts = require('pdfmake/fonts/Roboto') as RobotoFonts;

const FONT_FILES = new Set(Object.values(robotoFonts.Roboto));
pdfMake.setFonts({ Roboto: { ...robotoFonts.Roboto } });
pdfMake.setUrlAccessPolicy(() => false);
pdfMake.setLocalAccessPolicy((path) => FONT_FILES.has(path));

const MAP_COLUMNS = 6;

/**
 * The document's styles, spread into each node rather than named: pdfmake resolves a named style
 * by walking its style stack for every property of every text run, which took a sixth of a large
 * guide's time; properties on the node itself are found first.
 */
const STYLE = {
  h1: { fontSize: 20, bold: true, margin: [0, 0, 0, 6] },
  h2: { fontSize: 15, bold: true, margin: [0, 14, 0, 2] },
  h3: { fontSize: 11, bold: true, margin: [0, 8, 0, 3] },
  th: { bold: true },
  muted: { color: '#57606a' },
  table: { margin: [0, 0, 0, 4], fontSize: 9 },
} as const satisfies Record<string, Style>;

const colour = (hex: string) => `#${hex}`;

function attributeTable(
  attributes: readonly Attribute[],
  guide: ObjectGuide,
  fillHex: string,
): Content {
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: ['28%', '30%', 'auto', '*'],
      body: [
        ['Attribute', 'Type', 'Required', 'Notes'].map(
          (text): TableCell => ({
            text,
            ...STYLE.th,
            fillColor: colour(fillHex),
          }),
        ),
        ...attributes.map((a): TableCell[] => [
          { text: a.name, fillColor: colour(fillHex) },
          attributeTypePhrase(a, guide.objectName),
          a.required ? 'yes' : 'no',
          [
            a.description,
            a.defaultValue !== null ? `default: ${a.defaultValue}` : '',
            a.source ? `source: ${a.source}` : '',
            a.visibility ? `visible to: ${a.visibility}` : '',
          ]
            .filter(Boolean)
            .join('; '),
        ]),
      ],
    },
    layout: 'lightHorizontalLines',
    ...STYLE.table,
  };
}

function none(text: string): Content {
  return { text, ...STYLE.muted };
}

function objectSection(
  entry: GuideEntry,
  guide: ObjectGuide,
  first: boolean,
): Content[] {
  const { object } = entry;
  const content: Content[] = [
    {
      text: object.name,
      ...STYLE.h2,
      fillColor: colour(OOUX_COLOURS.object),
      pageBreak: first ? 'before' : undefined,
      pageOrientation: first ? 'portrait' : undefined,
    },
    {
      text: [
        `Priority: ${object.priority ?? 'not set'}`,
        object.score !== null ? ` · Score: ${object.score}` : '',
        object.synonyms.length > 0
          ? ` · Synonyms: ${object.synonyms.join(', ')}`
          : '',
      ].join(''),
      ...STYLE.muted,
    },
    object.definition.trim()
      ? { stack: markdownToPdf(object.definition.trim()), margin: [0, 4, 0, 0] }
      : none('No definition yet.'),
  ];
  if (object.examples.length > 0)
    content.push({ text: `Examples: ${object.examples.join(', ')}` });
  content.push({ text: 'States', ...STYLE.h3 });
  content.push(
    object.states.length > 0
      ? {
          ol: object.states.map(
            (state) =>
              `${state.name}${state.description ? ` — ${state.description}` : ''}${
                state.transitions.length > 0
                  ? ` (→ ${state.transitions.join(', ')})`
                  : ''
              }`,
          ),
        }
      : none('No states.'),
  );
  content.push({ text: 'Core content', ...STYLE.h3 });
  content.push(
    entry.core.length > 0
      ? attributeTable(entry.core, guide, OOUX_COLOURS.core)
      : none('No core content: the card has nothing to show but a name.'),
  );
  content.push({ text: 'Metadata', ...STYLE.h3 });
  content.push(
    entry.metadata.length > 0
      ? attributeTable(entry.metadata, guide, OOUX_COLOURS.metadata)
      : none('No metadata.'),
  );
  content.push({ text: 'Nested objects', ...STYLE.h3 });
  content.push(
    entry.nested.length > 0
      ? {
          table: {
            headerRows: 1,
            dontBreakRows: true,
            widths: ['22%', '18%', '18%', '*'],
            body: [
              [
                'Object',
                'Relationship',
                'Cardinality',
                'Mechanics · sort · filter · dependency',
              ].map(
                (text): TableCell => ({
                  text,
                  ...STYLE.th,
                  fillColor: colour(OOUX_COLOURS.nested),
                }),
              ),
              ...entry.nested.map(
                ({ relationship: r, object: o }): TableCell[] => [
                  { text: o.name, fillColor: colour(OOUX_COLOURS.nested) },
                  r.label,
                  cardinalityPhrase(r),
                  [r.mechanics, r.sort, r.filter, r.dependency]
                    .filter(Boolean)
                    .join(' · '),
                ],
              ),
            ],
          },
          layout: 'lightHorizontalLines',
          ...STYLE.table,
        }
      : none('Nests no other object.'),
  );
  content.push({ text: 'Calls to action', ...STYLE.h3 });
  if (entry.ctasByRole.length === 0) content.push(none('No CTAs.'));
  for (const group of entry.ctasByRole) {
    content.push({
      table: {
        headerRows: 1,
        dontBreakRows: true,
        widths: ['22%', '10%', '*', '*'],
        body: [
          [
            `${group.role.name}${group.role.archived ? ' (archived)' : ''}`,
            'CRUD',
            'Preconditions',
            'Postconditions',
          ].map(
            (text): TableCell => ({
              text,
              ...STYLE.th,
              fillColor: colour(OOUX_COLOURS.cta),
            }),
          ),
          ...group.ctas.map((cta): TableCell[] => [
            {
              text: cta.verb,
              bold: cta.primary,
              fillColor: colour(OOUX_COLOURS.cta),
            },
            cta.primary ? `${cta.crud}, primary` : cta.crud,
            [
              cta.requiredState ? `needs state ${cta.requiredState}` : '',
              cta.preconditions,
            ]
              .filter(Boolean)
              .join('; '),
            cta.postconditions,
          ]),
        ],
      },
      layout: 'lightHorizontalLines',
      ...STYLE.table,
    });
  }
  return content;
}

function objectMap(guide: ObjectGuide): Content[] {
  const note = (text: string, hex: string, bold = false): TableCell[] => [
    {
      text,
      fillColor: colour(hex),
      color: hex === OOUX_COLOURS.objectStrong ? '#ffffff' : '#000000',
      bold,
      fontSize: 8,
    },
  ];
  const column = (entry: GuideEntry): Content => ({
    table: {
      widths: ['*'],
      dontBreakRows: true,
      body: [
        note(entry.object.name, OOUX_COLOURS.objectStrong, true),
        ...entry.core.map((a) => note(a.name, OOUX_COLOURS.core)),
        ...entry.metadata.map((a) => note(a.name, OOUX_COLOURS.metadata)),
        ...entry.nested.map((n) => note(n.object.name, OOUX_COLOURS.nested)),
        ...entry.ctasByRole.flatMap((group) =>
          group.ctas.map((cta) =>
            note(
              `${group.role.name}: ${cta.verb}`,
              OOUX_COLOURS.cta,
              cta.primary,
            ),
          ),
        ),
      ],
    },
    layout: {
      hLineColor: () => '#ffffff',
      vLineColor: () => '#ffffff',
      hLineWidth: () => 2,
      vLineWidth: () => 0,
    },
  });
  const rows: Content[] = [];
  for (let i = 0; i < guide.entries.length; i += MAP_COLUMNS) {
    const slice = guide.entries.slice(i, i + MAP_COLUMNS);
    rows.push({
      columns: [
        ...slice.map(column),
        ...Array.from({ length: MAP_COLUMNS - slice.length }, () => ({
          text: '',
        })),
      ],
      columnGap: 6,
      margin: [0, 0, 0, 10],
    });
  }
  return [
    {
      text: 'Object Map',
      ...STYLE.h1,
      pageBreak: 'before',
      pageOrientation: 'landscape',
    },
    {
      text: [
        { text: ' Object ', background: colour(OOUX_COLOURS.object) },
        '  ',
        { text: ' Core content ', background: colour(OOUX_COLOURS.core) },
        '  ',
        { text: ' Metadata ', background: colour(OOUX_COLOURS.metadata) },
        '  ',
        { text: ' Nested object ', background: colour(OOUX_COLOURS.nested) },
        '  ',
        {
          text: ' CTA (bold: primary) ',
          background: colour(OOUX_COLOURS.cta),
        },
      ],
      margin: [0, 0, 0, 8],
      fontSize: 9,
    },
    ...(rows.length > 0 ? rows : [none('No objects yet.')]),
  ];
}

/**
 * Beyond this many objects the system graph is not drawn in the PDF: on one A4 page its nodes
 * would be specks (the app's graph is laid out on a grid beyond `dagreLimit` anyway), and the
 * drawing of a 1,000-object graph cost 9 s and most of the export's memory. The page says where
 * to see it instead.
 */
export const PDF_GRAPH_MAX_OBJECTS = SYSTEM_GRAPH_METRICS.dagreLimit;

/** What the PDF's graph page shows: the layout, or the size of a graph too large to print. */
export type PdfGraph =
  | SystemGraphLayout
  | {
      readonly tooLarge: {
        readonly objects: number;
        readonly relationships: number;
      };
    };

/** The system graph on a landscape page of its own, drawn from the SVG the app downloads. */
function systemGraph(graph: PdfGraph): Content[] {
  if ('tooLarge' in graph)
    return [
      {
        text: 'System graph',
        ...STYLE.h1,
        pageBreak: 'before',
      },
      {
        text: `The system graph of ${count(graph.tooLarge.objects, 'object')} and ${count(graph.tooLarge.relationships, 'relationship')} is too large to print on one page. Open it in the app (Graph), or in the HTML export, where it can be zoomed and scrolled.`,
        ...STYLE.muted,
      },
    ];
  return [
    {
      text: 'System graph',
      ...STYLE.h1,
      pageBreak: 'before',
      pageOrientation: 'landscape',
    },
    graph.nodes.length > 0
      ? // A4 landscape less the margins and the heading.
        {
          svg: systemGraphSvg(graph, { idPrefix: 'system-graph' }),
          fit: [770, 470],
        }
      : none('No objects yet.'),
  ];
}

export function pdfDocument(
  guide: ObjectGuide,
  options: Parameters<ExportFormatFunction>[1],
  graph: PdfGraph | null = null,
): TDocumentDefinitions {
  return {
    info: {
      title: `${options.projectName}: Object Guide`,
      creator: 'ORCA Project Builder',
      subject: exportSubtitle(options),
    },
    pageSize: 'A4',
    pageMargins: [36, 40, 36, 40],
    defaultStyle: { font: 'Roboto', fontSize: 10 },
    footer: (current, total) => ({
      text: `${options.projectName} · ${current} / ${total}`,
      alignment: 'center',
      fontSize: 8,
      color: '#57606a',
    }),
    content: [
      { text: options.projectName, ...STYLE.h1 },
      {
        text: `Object Guide and Object Map · ${exportSubtitle(options)}`,
        ...STYLE.muted,
      },
      ...(options.projectDescription?.trim()
        ? [
            {
              text: options.projectDescription.trim(),
              margin: [0, 6, 0, 0],
            } as Content,
          ]
        : []),
      {
        text: `${count(guide.entries.length, 'object')}; roles: ${
          guide.roles.map((role) => role.name).join(', ') || 'none yet'
        }.`,
        margin: [0, 6, 0, 6],
      },
      ...(guide.entries.length > 0
        ? [
            {
              ol: guide.entries.map(
                (entry) =>
                  `${entry.object.name}${entry.object.priority ? ` (${entry.object.priority})` : ''}`,
              ),
            } as Content,
          ]
        : []),
      ...objectMap(guide),
      ...(graph ? systemGraph(graph) : []),
      ...guide.entries.flatMap((entry, index) =>
        objectSection(entry, guide, index === 0),
      ),
    ],
  };
}

export const exportPdf: ExportFormatFunction = async (model, options) => {
  const layout = progressRange(options, 10, 100);
  options.onProgress?.(0);
  const exported = exportedModel(model, options);
  const guide = objectGuide(exported);
  const objects = Object.keys(exported.objects).length;
  const graph: PdfGraph =
    objects > PDF_GRAPH_MAX_OBJECTS
      ? {
          tooLarge: {
            objects,
            relationships: Object.keys(exported.relationships).length,
          },
        }
      : systemGraphLayout(exported);
  const definition = pdfDocument(guide, options, graph);
  options.onProgress?.(10);
  pdfMake.setProgressCallback((fraction: number) => layout(fraction));
  try {
    return await pdfMake.createPdf(definition).getBuffer();
  } finally {
    pdfMake.setProgressCallback(() => undefined);
  }
};
