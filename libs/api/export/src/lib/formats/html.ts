/**
 * HTML: one self-contained page (inline CSS, no scripts, no fonts or images to fetch) with the
 * Object Map in the OOUX colours and, per object, CDLL previews — Card, Detail, List, Landing —
 * built from its core content, metadata, nested objects and primary CTAs. What they show — sample
 * instances and values, the List's sorts and filters — and the gaps they warn about come from the
 * domain's CDLL reading (`cdllPreview`), the one the app's previews render too. Every text from the model is escaped; definitions
 * are the team's Markdown, rendered safely (safe-markdown.ts) under a CSP that fetches nothing.
 */
import type { Attribute } from '@orca/shared/domain';
import {
  type ExportFormatFunction,
  exportedModel,
  exportSubtitle,
  progressRange,
} from './export-options';
import {
  cardAttributes,
  cardinalityPhrase,
  cdllPreview,
  ctaConditions,
  type GuideEntry,
  instanceActions,
  type ObjectGuide,
  objectGuide,
  OOUX_COLOURS,
  type PreviewWarning,
  sampleInstanceName,
  sampleValue,
} from '@orca/shared/domain';
import { systemGraphLayout, systemGraphSvg } from '@orca/shared/diagrams';
import { safeMarkdownHtml, safeMarkdownInline } from './safe-markdown';
import { count, escapeHtml as h } from './text';

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1f2328;background:#fafafa}
header,main{padding:16px 24px}
header{background:#fff;border-bottom:1px solid #ddd}
h1{margin:0 0 4px;font-size:24px}
h2{margin:32px 0 12px;font-size:20px}
h3{margin:0 0 8px;font-size:18px}
.sub{color:#57606a;margin:0}
nav ol{columns:3 220px;margin:8px 0 0;padding-left:20px}
a{color:#0b5cad}
.legend span{display:inline-block;padding:2px 8px;margin:0 6px 6px 0;border-radius:3px;font-size:13px}
.map{display:flex;gap:10px;overflow-x:auto;padding-bottom:12px;align-items:flex-start}
.map-column{flex:0 0 180px;display:flex;flex-direction:column;gap:4px}
.note{padding:6px 8px;border-radius:3px;font-size:13px;box-shadow:0 1px 2px rgba(0,0,0,.15);overflow-wrap:anywhere}
.object{background:#${OOUX_COLOURS.objectStrong};color:#fff;font-weight:600;text-decoration:none}
.core{background:#${OOUX_COLOURS.core}}
.metadata{background:#${OOUX_COLOURS.metadata}}
.nested{background:#${OOUX_COLOURS.object}}
.cta{background:#${OOUX_COLOURS.cta}}
.preview{background:#fff;border:1px solid #ddd;border-radius:6px;padding:16px;margin:0 0 24px}
.definition{color:#333;margin:0 0 8px}
.definition p{margin:0 0 6px}
.warning{background:#fff4e5;border-left:4px solid #e8912d;padding:6px 10px;margin:0 0 8px;font-size:14px}
.cdll{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:16px;margin-top:12px}
figure{margin:0;border:1px dashed #bbb;border-radius:6px;padding:10px;background:#fcfcfc}
figcaption{font-size:12px;text-transform:uppercase;letter-spacing:.06em;color:#57606a;margin-bottom:8px}
.card{border:1px solid #ccc;border-radius:6px;padding:10px;background:#fff;margin-bottom:8px}
.card strong{display:block;margin-bottom:4px}
dl{margin:0;display:grid;grid-template-columns:max-content 1fr;gap:2px 10px;font-size:13px}
dt{color:#57606a}dd{margin:0}
.image{display:block;height:48px;background:repeating-linear-gradient(45deg,#eee,#eee 6px,#e2e2e2 6px,#e2e2e2 12px);border-radius:4px;margin-bottom:6px}
.button{display:inline-block;border-radius:4px;padding:3px 10px;margin:6px 6px 0 0;font-size:13px;background:#${OOUX_COLOURS.cta};border:1px solid #93c47d}
.secondary{background:#fff}
.controls{display:flex;flex-wrap:wrap;gap:6px;margin-bottom:8px;font-size:12px}
.controls span{border:1px solid #${OOUX_COLOURS.metadata};background:#fdf0f0;border-radius:10px;padding:1px 8px}
.hero{background:#${OOUX_COLOURS.object};border-radius:6px;padding:12px;margin-bottom:8px}
.hero p{margin:4px 0 0;font-size:13px}
ul.nested-list{margin:4px 0 0;padding-left:18px;font-size:13px}
.muted{color:#8c959f;font-size:13px}
@media print{.map{flex-wrap:wrap}.preview{break-inside:avoid}}
.graph{overflow:auto;background:#fff;border:1px solid #ddd;border-radius:6px}
.graph svg{display:block;height:auto}
@media print{.graph{overflow:visible;border:0}.graph svg{max-width:100%}}
`;

/** An attribute's value on sample instance `index`: the domain's sample, as the app shows it. */
function sampleHtml(
  attribute: Attribute,
  guide: ObjectGuide,
  index: number,
): string {
  if (attribute.type === 'image')
    return `<span class="image" role="img" aria-label="${h(attribute.name)}"></span>`;
  return h(sampleValue(attribute, index, guide).text);
}

function attributeList(
  attributes: readonly Attribute[],
  guide: ObjectGuide,
  index: number,
): string {
  if (attributes.length === 0) return '';
  return `<dl>${attributes
    .map((a) => `<dt>${h(a.name)}</dt><dd>${sampleHtml(a, guide, index)}</dd>`)
    .join('')}</dl>`;
}

function ctaButtons(entry: GuideEntry, guide: ObjectGuide): string {
  return instanceActions(entry)
    .map(
      (cta) =>
        `<span class="button" title="${h(`${guide.roleName(cta.roleId) ?? ''}${ctaConditions(cta) ? ` — ${ctaConditions(cta)}` : ''}`)}">${h(cta.verb)}</span>`,
    )
    .join('');
}

function card(entry: GuideEntry, guide: ObjectGuide, index: number): string {
  const shown = cardAttributes(entry);
  const image = shown.find((a) => a.type === 'image');
  const action = instanceActions(entry)[0];
  return `<div class="card">${image ? sampleHtml(image, guide, index) : ''}<strong>${h(sampleInstanceName(entry.object, index))}</strong>${attributeList(
    shown.filter((a) => a !== image),
    guide,
    index,
  )}${action ? `<span class="button">${h(action.verb)}</span>` : ''}</div>`;
}

function warningHtml(warning: PreviewWarning): string {
  return `<p class="warning" data-code="${h(warning.code)}">${warning.severity === 'info' ? 'ⓘ' : '⚠'} ${h(warning.message)}</p>`;
}

function preview(entry: GuideEntry, index: number, guide: ObjectGuide): string {
  const { object } = entry;
  const sketch = cdllPreview(entry, guide);
  const detail = `<figure><figcaption>Detail</figcaption><div class="card"><strong>${h(sampleInstanceName(object, 0))}</strong>${attributeList(entry.core, guide, 0)}${
    entry.metadata.length > 0
      ? `<p class="muted">${entry.metadata.map((a) => `${h(a.name)}: ${sampleHtml(a, guide, 0)}`).join(' · ')}</p>`
      : ''
  }${sketch.nested
    .map(
      (nested) =>
        `<p class="muted">${h(nested.object.name)} (${h(nested.relationship.label || 'related')}, ${h(cardinalityPhrase(nested.relationship))})</p><ul class="nested-list">${nested.samples
          .map((name) => `<li>${h(name)}</li>`)
          .join('')}</ul>`,
    )
    .join('')}${ctaButtons(entry, guide)}${sketch.secondaryActions
    .map(
      (action) => `<span class="button secondary">${h(action.cta.verb)}</span>`,
    )
    .join('')}</div></figure>`;
  const { sorts, filters } = sketch.controls;
  const list = `<figure><figcaption>List</figcaption><div class="controls">${
    sorts.length + filters.length > 0
      ? `${sorts[0] ? `<span>Sort by: ${h(sorts[0].label)} ▾</span>` : ''}${filters
          .map(
            (f) =>
              `<span title="${h(f.options.map((o) => o.label).join(', '))}">${h(f.attribute.name)}: any ▾</span>`,
          )
          .join('')}`
      : '<span class="muted">No sort or filter (no metadata)</span>'
  }</div>${[0, 1, 2].map((i) => card(entry, guide, i)).join('')}</figure>`;
  const create = sketch.createAction?.cta;
  const landing = `<figure><figcaption>Landing</figcaption><div class="hero"><strong>${h(sketch.plural)}</strong>${
    sketch.intro ? `<p>${safeMarkdownInline(sketch.intro)}</p>` : ''
  }${create ? `<span class="button">${h(create.verb)}</span>` : ''}</div>${[
    0, 1,
  ]
    .map((i) => card(entry, guide, i))
    .join('')}</figure>`;
  return `<article class="preview" id="object-${index + 1}"><h3>${h(object.name)}${
    object.priority ? ` <span class="muted">(${h(object.priority)})</span>` : ''
  }</h3>${
    object.definition.trim()
      ? `<div class="definition">${safeMarkdownHtml(object.definition)}</div>`
      : '<p class="muted">No definition yet.</p>'
  }${sketch.warnings.map(warningHtml).join('')}<div class="cdll"><figure><figcaption>Card</figcaption>${card(
    entry,
    guide,
    0,
  )}</figure>${detail}${list}${landing}</div></article>`;
}

function mapColumn(entry: GuideEntry, index: number): string {
  const notes = [
    `<a class="note object" href="#object-${index + 1}">${h(entry.object.name)}</a>`,
    ...entry.core.map((a) => `<div class="note core">${h(a.name)}</div>`),
    ...entry.metadata.map(
      (a) => `<div class="note metadata">${h(a.name)}</div>`,
    ),
    ...entry.nested.map(
      (n) => `<div class="note nested">${h(n.object.name)}</div>`,
    ),
    ...entry.ctasByRole.flatMap((group) =>
      group.ctas.map(
        (cta) =>
          `<div class="note cta">${h(group.role.name)}: ${h(cta.verb)}${cta.primary ? ' ★' : ''}</div>`,
      ),
    ),
  ];
  return `<div class="map-column">${notes.join('')}</div>`;
}

export const exportHtml: ExportFormatFunction = async (model, options) => {
  const progress = progressRange(options, 0, 100);
  progress(0);
  const exported = exportedModel(model, options);
  const guide = objectGuide(exported);
  const parts: string[] = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    // Nothing may be fetched or run, whatever the model's text holds.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(options.projectName)}: Object Map and CDLL previews</title>`,
    `<style>${STYLE}</style></head><body>`,
    `<header><h1>${h(options.projectName)}</h1><p class="sub">Object Map and CDLL previews · ${h(exportSubtitle(options))} · ${h(count(guide.entries.length, 'object'))}</p>`,
    guide.entries.length > 0
      ? `<nav><ol>${guide.entries.map((e, i) => `<li><a href="#object-${i + 1}">${h(e.object.name)}</a></li>`).join('')}</ol></nav>`
      : '',
    '</header><main>',
    '<section id="object-map"><h2>Object Map</h2>',
    '<p class="legend"><span class="object">Object</span><span class="core">Core content</span><span class="metadata">Metadata</span><span class="nested">Nested object</span><span class="cta">CTA (★ primary)</span></p>',
    guide.entries.length > 0
      ? `<div class="map">${guide.entries.map(mapColumn).join('')}</div>`
      : '<p class="muted">No objects yet.</p>',
    '</section><section id="system-graph"><h2>System graph</h2>',
    // The same layout as the app's graph page: saved positions, flagged edges. Inline SVG fetches nothing.
    `<div class="graph">${systemGraphSvg(systemGraphLayout(exported), { idPrefix: 'system-graph' })}</div>`,
    '</section><section id="previews"><h2>CDLL previews</h2>',
  ];
  guide.entries.forEach((entry, index) => {
    parts.push(preview(entry, index, guide));
    progress((index + 1) / guide.entries.length);
  });
  parts.push('</section></main></body></html>');
  progress(1);
  return `${parts.join('\n')}\n`;
};
