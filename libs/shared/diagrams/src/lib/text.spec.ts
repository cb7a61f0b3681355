import {
  diagramFileName,
  escapeXml,
  slugify,
  textWidth,
  wrapText,
} from './text';

const STYLE = { fontSize: 13 };

describe('diagram text', () => {
  it('measures wide letters wider than narrow ones, bold wider than regular, and scales with the size', () => {
    expect(textWidth('mmmm', STYLE)).toBeGreaterThan(textWidth('iiii', STYLE));
    expect(textWidth('Course', { ...STYLE, bold: true })).toBeGreaterThan(
      textWidth('Course', STYLE),
    );
    expect(textWidth('Course', { fontSize: 26 })).toBeCloseTo(
      2 * textWidth('Course', STYLE),
    );
    expect(textWidth('客户', STYLE)).toBeCloseTo(26);
    expect(textWidth('é', STYLE)).toBe(textWidth('e', STYLE));
    expect(textWidth('', STYLE)).toBe(0);
  });

  it('wraps words greedily so that no line is wider than allowed', () => {
    const text =
      'Instructor can publish a course once every lesson has a video';
    const lines = wrapText(text, 120, STYLE);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.join(' ')).toBe(text);
    for (const line of lines)
      expect(textWidth(line, STYLE)).toBeLessThanOrEqual(120);
    // Greedy: each line but the last could not take the next word.
    lines.slice(0, -1).forEach((line, i) => {
      const next = lines[i + 1]?.split(' ')[0] ?? '';
      expect(textWidth(`${line} ${next}`, STYLE)).toBeGreaterThan(120);
    });
  });

  it('keeps a short text on one line, reads line breaks and runs of spaces as one space, and never returns no line', () => {
    expect(wrapText('Course', 200, STYLE)).toEqual(['Course']);
    expect(wrapText('  Learner \n\t Profile ', 200, STYLE)).toEqual([
      'Learner Profile',
    ]);
    expect(wrapText('', 200, STYLE)).toEqual(['']);
  });

  it('breaks a word too long for a line between code points, never inside one', () => {
    const word = 'Donaudampfschifffahrtsgesellschaftskapitän';
    const lines = wrapText(word, 80, STYLE);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.join('')).toBe(word);
    for (const line of lines)
      expect(textWidth(line, STYLE)).toBeLessThanOrEqual(80);
    const emoji = '🦊'.repeat(20);
    expect(wrapText(emoji, 60, STYLE).join('')).toBe(emoji);
    for (const line of wrapText(emoji, 60, STYLE))
      expect(line).not.toMatch(/[\uD800-\uDBFF]$/);
  });

  it('escapes markup and quotes, and replaces what XML cannot hold', () => {
    expect(escapeXml(`<script>alert("x") & 'y'</script>`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;) &amp; &apos;y&apos;&lt;/script&gt;',
    );
    expect(escapeXml('bell\u0007 null\u0000 tab\t ok')).toBe(
      'bell\uFFFD null\uFFFD tab\t ok',
    );
    expect(escapeXml('lone \uD800 surrogate, 🦊 kept')).toBe(
      'lone \uFFFD surrogate, 🦊 kept',
    );
  });

  it('names downloads after the project', () => {
    expect(slugify('Learning Platform (v2)')).toBe('learning-platform-v2');
    expect(slugify('Café Ölmühle')).toBe('cafe-olmuhle');
    expect(slugify('客户')).toBe('project');
    expect(diagramFileName('Learning platform', 'object-map', 'svg')).toBe(
      'learning-platform-object-map.svg',
    );
    expect(diagramFileName('<b>', 'system-graph', 'png')).toBe(
      'b-system-graph.png',
    );
  });
});
