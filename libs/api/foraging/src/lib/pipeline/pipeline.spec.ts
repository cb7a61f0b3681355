import type { ForagingCandidateDto } from '@orca/shared/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyseSource } from './analyse';
import { prepareText } from './prepare-text';
import { rankCandidates, type RankedSource } from './rank';
import type { TextFormat } from './prepare-text';

const INTERVIEW = readFileSync(
  join(__dirname, '../../../../../../../shared/fixtures/interview-notes.txt'),
  'utf8',
);
const VET_BRIEF = readFileSync(
  join(__dirname, '../../testing/vet-clinic-brief.md'),
  'utf8',
);
const LIBRARY_PRD = readFileSync(
  join(__dirname, '../../testing/library-app-prd.md'),
  'utf8',
);

type Candidate = Omit<ForagingCandidateDto, 'inModel'>;

async function source(
  text: string,
  id = 'source-1',
  format: TextFormat = 'text',
): Promise<RankedSource> {
  return { id, text, analysis: await analyseSource(text, { format }) };
}

async function forage(
  text: string,
  format: TextFormat = 'text',
): Promise<Candidate[]> {
  return rankCandidates([await source(text, 'source-1', format)]).candidates;
}

function named(candidates: readonly Candidate[], name: string): Candidate {
  const found = candidates.find((c) => c.name === name);
  if (!found)
    throw new Error(
      `no candidate "${name}" among ${candidates.map((c) => c.name).join(', ')}`,
    );
  return found;
}

const top = (candidates: readonly Candidate[], n: number) =>
  candidates.slice(0, n).map((c) => c.name);

/** The words each mention highlights, as the page would show them. */
const highlighted = (candidate: Candidate) =>
  candidate.mentions.flatMap((m) =>
    m.ranges.map((r) => m.sentence.slice(r.start, r.end)),
  );

beforeAll(async () => {
  // compromise builds its lexicon on first use; the timing tests should not pay for it.
  await analyseSource('Warm the tagger up.', { format: 'text' });
});

describe('lemmas', () => {
  it('counts singular and plural, capitalised or not, as one singular candidate', async () => {
    const candidates = await forage(
      'Plots are cheap. A: Plots, mostly. Every plot has a shed. The children love the mice, and each child feeds a mouse.',
    );
    const plot = named(candidates, 'Plot');
    expect(plot.mentionCount).toBe(3);
    expect(plot.variants).toEqual([
      { form: 'plots', count: 2 },
      { form: 'plot', count: 1 },
    ]);
    expect(named(candidates, 'Child').mentionCount).toBe(2);
    expect(named(candidates, 'Mouse').mentionCount).toBe(2);
    expect(candidates.map((c) => c.name)).not.toContain('Plots');
  });

  it('keeps compound nouns together, in Title Case', async () => {
    const candidates = await forage(
      'Each season we run work days. Gardeners sign up for a work day. The work-day list is short.',
    );
    const workDay = named(candidates, 'Work Day');
    expect(workDay.origins).toContain('noun-phrase');
    expect(workDay.mentionCount).toBe(2);
  });
});

describe('verbs that imply objects', () => {
  it('makes a Comment of commenting, with the verb a CTA would use', async () => {
    const candidates = await forage(
      'Gardeners comment on announcements. I was commenting on it too.',
    );
    const comment = named(candidates, 'Comment');
    expect(comment.origins).toEqual(['verb']);
    expect(comment.verbs).toEqual(['comment on']);
    expect(highlighted(comment)).toEqual(['comment', 'commenting']);
    expect(named(candidates, 'Announcement').actions).toContain('comment on');
  });

  it('counts a verb for the noun it nominalises when the research uses it', async () => {
    const candidates = await forage(
      'Gardeners book a tool for a morning. The next booking is ruined. A gardener pays the fee and I mark the payment.',
    );
    const booking = named(candidates, 'Booking');
    expect(booking.mentionCount).toBe(2);
    expect(booking.origins).toEqual(['noun', 'verb']);
    expect(booking.verbs).toEqual(['book']);
    expect(named(candidates, 'Payment').verbs).toEqual(['pay']);
    expect(candidates.map((c) => c.name)).not.toContain('Book');
  });

  it('does not make an object of a verb done to another object', async () => {
    const candidates = await forage(
      'Owners pay invoices online. Owners pay invoices at the desk.',
    );
    expect(candidates.map((c) => c.name)).not.toContain('Pay');
    expect(named(candidates, 'Invoice').actions).toEqual(['pay']);
  });
});

describe('things acted on', () => {
  it('ranks a noun something is done to above one said in passing', async () => {
    const candidates = await forage(
      'Owners asked for a reminder. The booster is due in spring.',
    );
    expect(named(candidates, 'Reminder').rank).toBeLessThan(
      named(candidates, 'Booster').rank,
    );
  });

  it('does not count what a noun has or where something happens as acted on', async () => {
    const score = async (text: string, name: string) =>
      named(await forage(text), name).score;
    const watered = await score('Every gardener waters a plot.', 'Plot');
    expect(await score('Every gardener has a plot.', 'Plot')).toBeLessThan(
      watered,
    );
    expect(await score('Every gardener knows a plot.', 'Plot')).toBeLessThan(
      watered,
    );
    // One plain mention, no more: the holds were placed, and "in the order" says how.
    expect(
      await score('Holds are served in the order they were placed.', 'Order'),
    ).toBe(1);
  });
});

describe('compounds', () => {
  it('counts a noun said on its own where it modifies another, too', async () => {
    const candidates = await forage(
      'A vet writes a treatment note. Larger treatments cost more.',
    );
    const treatment = named(candidates, 'Treatment');
    expect(treatment.mentionCount).toBe(2);
    expect(highlighted(treatment)).toEqual(['treatment note', 'treatments']);
    expect(named(candidates, 'Treatment Note').mentionCount).toBe(1);
  });

  it('does not make nouns of prepositions, determiners or past forms the tagger misread', async () => {
    const names = (
      await forage(
        'A member places a hold on a title. They choose email or push for each kind. ' +
          'Members see their fines with the loan each one came from.',
      )
    ).map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['Hold', 'Title', 'Kind']));
    for (const wrong of ['Hold On', 'Each Kind', 'Came', 'On'])
      expect(names).not.toContain(wrong);
  });
});

describe('collection nouns', () => {
  it('turns a list named for what it does into its entries, flagged', async () => {
    const candidates = await forage(
      'When a plot frees up I go to the waiting list. The waiting list is long.',
    );
    const entry = named(candidates, 'Waiting List entry');
    expect(entry.origins).toEqual(['collection-member']);
    expect(entry.flags.map((f) => f.kind)).toEqual(['collection-member']);
    expect(entry.flags[0].reason).toMatch(/waiting list/);
    expect(entry.demoted).toBe(false);
    expect(highlighted(entry)).toEqual(['waiting list', 'waiting list']);
  });

  it('turns a list named for its members into those members', async () => {
    const candidates = await forage(
      'Shoppers browse the product catalog. The product catalog has photos.',
    );
    const product = named(candidates, 'Product');
    expect(product.flags.map((f) => f.kind)).toEqual(['collection-member']);
    expect(candidates.map((c) => c.name)).not.toContain('Product Catalog');
  });

  it('demotes and flags a bare collection noun', async () => {
    const candidates = await forage(
      'The calendar on the door lists the inspections. The calendar is paper. An inspection gives a rating.',
    );
    const calendar = named(candidates, 'Calendar');
    expect(calendar.flags.map((f) => f.kind)).toContain('collection');
    expect(calendar.demoted).toBe(true);
    const inspection = named(candidates, 'Inspection');
    expect(inspection.rank).toBeLessThan(calendar.rank);
  });
});

describe('abstract and time words', () => {
  it('flags and demotes them below the things the text is about', async () => {
    const candidates = await forage(
      'Most of my week is plots. Every week, every time, the thing is the plot. ' +
        'Half the time the plot is empty. The thing about plots is time.',
    );
    const plot = named(candidates, 'Plot');
    for (const word of ['Week', 'Time', 'Thing']) {
      const candidate = named(candidates, word);
      expect(candidate.demoted).toBe(true);
      expect(candidate.mentionCount).toBeGreaterThanOrEqual(2);
      expect(candidate.rank).toBeGreaterThan(plot.rank);
    }
    expect(named(candidates, 'Week').flags[0]).toMatchObject({
      kind: 'time',
      demotes: true,
    });
    expect(named(candidates, 'Thing').flags[0].kind).toBe('abstract');
  });
});

describe('synonym groups', () => {
  it('groups names the text equates, with the sentence that says so', async () => {
    const candidates = await forage(
      'Members (also called gardeners) rent plots. Every member pays a fee. ' +
        'A gardener can share a plot. Members vote.',
    );
    const member = named(candidates, 'Member');
    expect(member.synonyms).toEqual([
      expect.objectContaining({
        name: 'Gardener',
        count: 2,
        evidence: 'Members (also called gardeners) rent plots.',
      }),
    ]);
    expect(member.mentionCount).toBe(5);
    expect(highlighted(member).map((w) => w.toLowerCase())).toEqual([
      'members',
      'gardeners',
      'member',
      'gardener',
      'members',
    ]);
    expect(candidates.map((c) => c.name)).not.toContain('Gardener');
  });

  it('groups spelling variants, and keeps different words apart without evidence', async () => {
    const candidates = await forage(
      'The sign-up opens in May. Each signup needs a gardener. A member is a person.',
    );
    expect(named(candidates, 'Sign-up').mentionCount).toBe(2);
    expect(named(candidates, 'Member').synonyms).toEqual([]);
    expect(named(candidates, 'Gardener').synonyms).toEqual([]);
  });
});

describe('examples', () => {
  it('keeps the things listed after a noun as its examples, and demotes them', async () => {
    const candidates = await forage(
      'We have shared tools — wheelbarrows, hoses, two tillers — and gardeners book a tool. Tools break.',
    );
    const tool = named(candidates, 'Tool');
    expect(tool.examples.sort()).toEqual(['hose', 'tiller', 'wheelbarrow']);
    const wheelbarrow = named(candidates, 'Wheelbarrow');
    expect(wheelbarrow.flags[0].kind).toBe('example');
    expect(wheelbarrow.flags[0].reason).toMatch(/Tool/);
  });
});

describe('links to the sentences', () => {
  it('gives every mention its sentence and the ranges of the matched words', async () => {
    const analysed = await source(INTERVIEW);
    const { candidates } = rankCandidates([analysed], { mentions: 100 });
    for (const candidate of candidates.slice(0, 25)) {
      for (const mention of candidate.mentions) {
        expect(
          INTERVIEW.slice(mention.sentenceStart).replace(/\n/g, ' '),
        ).toContain(mention.sentence);
        for (const range of mention.ranges) {
          const inSentence = mention.sentence.slice(range.start, range.end);
          const inSource = INTERVIEW.slice(
            mention.sentenceStart + range.start,
            mention.sentenceStart + range.end,
          );
          expect(inSource.replace(/\n/g, ' ')).toBe(inSentence);
        }
      }
    }
    const plot = named(candidates, 'Plot');
    // Nine mentions in seven sentences: a sentence that says it twice is highlighted twice.
    expect(plot.mentionCount).toBe(9);
    expect(plot.mentions).toHaveLength(7);
    expect(highlighted(plot)).toHaveLength(9);
    expect(new Set(highlighted(plot).map((w) => w.toLowerCase()))).toEqual(
      new Set(['plot', 'plots']),
    );
    // A sentence that the text wraps over two lines is one sentence.
    expect(plot.mentions.map((m) => m.sentence)).toContain(
      'We have about sixty plots across two gardens, and every plot has a gardener, sometimes two if they share it.',
    );
    const fee = named(candidates, 'Fee');
    expect(highlighted(fee)).toEqual(['Plot fees', 'fee', 'fee']);
  });

  it('points into Markdown as written, with the markup left out of the words', async () => {
    const text =
      '# Notes\n\n- **Owners** book an *appointment*.\n- An [appointment](https://x.test) is for one pet.\n';
    const candidates = await forage(text, 'markdown');
    const appointment = named(candidates, 'Appointment');
    expect(
      appointment.mentions.map((m) =>
        text.slice(
          m.sentenceStart + m.ranges[0].start,
          m.sentenceStart + m.ranges[0].end,
        ),
      ),
    ).toEqual(['appointment', 'appointment']);
    expect(prepareText(text, 'markdown').text).toHaveLength(text.length);
  });
});

describe('a second source', () => {
  it('adds to the first: counts sum, spread across sources raises the rank', async () => {
    const first = await source(
      'Every plot has a gardener. The plot fees are due.',
      'a',
    );
    const second = await source(
      'Gardeners water the plot. Each fee is small. A tool shed sits by the gate.',
      'b',
    );
    const alone = rankCandidates([first]).candidates;
    const merged = rankCandidates([first, second]).candidates;
    const plot = named(merged, 'Plot');
    // Alone, the first source says "plot" once and "plot fees" once (a Plot Fee, and a plot).
    expect(named(alone, 'Plot').mentionCount).toBe(2);
    // Merged, "plot fees" is a Fee (the second source says "fee" on its own).
    expect(plot.mentionCount).toBe(2);
    expect(plot.sourceCount).toBe(2);
    expect(plot.score).toBeGreaterThan(named(alone, 'Plot').score * 1.2);
    expect(new Set(plot.mentions.map((m) => m.sourceId))).toEqual(
      new Set(['a', 'b']),
    );
    // "fee" said on its own in the second source makes the first one's "plot fees" a Fee.
    expect(named(alone, 'Plot Fee').mentionCount).toBe(1);
    expect(named(merged, 'Fee').mentionCount).toBe(2);
    expect(merged.map((c) => c.name)).not.toContain('Plot Fee');
  });
});

const FIXTURE_OBJECTS = [
  'Plot',
  'Gardener',
  'Waiting List entry',
  'Tool',
  'Booking',
  'Work Day',
  'Fee',
  'Payment',
  'Announcement',
  'Comment',
  'Harvest Share',
  'Inspection',
  'Rating',
  'Warning',
];

describe('the community garden interview (shared fixture)', () => {
  it('ranks the objects a practitioner pulls out in the top 25, and not week, time or thing', async () => {
    const candidates = await forage(INTERVIEW);
    const best = top(candidates, 25);
    for (const name of FIXTURE_OBJECTS) expect(best).toContain(name);
    for (const word of ['Week', 'Time', 'Thing'])
      expect(best).not.toContain(word);
    expect(named(candidates, 'Week').demoted).toBe(true);
    expect(named(candidates, 'Calendar').flags.map((f) => f.kind)).toContain(
      'collection',
    );
    expect(named(candidates, 'Tool').examples).toEqual(
      expect.arrayContaining(['wheelbarrow', 'hose', 'tiller']),
    );
  });
});

describe('a veterinary clinic product brief (written for these tests, Markdown)', () => {
  it('ranks its objects in the top 25, and its time and abstract words out of it', async () => {
    const candidates = await forage(VET_BRIEF, 'markdown');
    const best = top(candidates, 25);
    for (const name of [
      'Pet',
      'Owner',
      'Appointment',
      'Vet',
      'Vaccination',
      'Prescription',
      'Medication',
      'Refill',
      'Invoice',
      'Visit',
      'Nurse',
      'Clinic',
    ])
      expect(best).toContain(name);
    for (const word of ['Time', 'Day', 'Year', 'Thing', 'Date', 'Lot'])
      expect(best).not.toContain(word);
    // Said once or twice, but asked for ("a reminder") or recurring in a compound ("treatment
    // note"): in the top 20, below the objects the brief keeps coming back to.
    const best20 = top(candidates, 20);
    for (const name of ['Reminder', 'Treatment']) {
      expect(best20).toContain(name);
      expect(named(candidates, name).demoted).toBe(false);
      expect(named(candidates, name).rank).toBeGreaterThan(
        named(candidates, 'Medication').rank,
      );
    }
    // "A pet has a species, a breed…": attributes of Pet, said so.
    const breed = named(candidates, 'Breed');
    expect(breed.flags.map((f) => f.kind)).toEqual(['attribute']);
    expect(breed.attributeOf).toEqual(['Pet']);
    expect(
      named(candidates, 'Riverside Vet').flags.map((f) => f.kind),
    ).toContain('named');
  });
});

describe('a library app PRD (written for these tests, Markdown, a third domain)', () => {
  it('ranks its objects in the top 20, and its time words out of the top 25', async () => {
    const candidates = await forage(LIBRARY_PRD, 'markdown');
    const best = top(candidates, 20);
    for (const name of [
      'Member',
      'Loan',
      'Branch',
      'Hold',
      'Copy',
      'Fine',
      'Title',
      'Item',
      'Renewal',
      'Notification',
      'Event',
      'Card',
      'Librarian',
      'Payment',
    ])
      expect(best).toContain(name);
    for (const word of ['Day', 'Week', 'Month', 'Year', 'Time', 'Hour'])
      expect(top(candidates, 25)).not.toContain(word);
    // "renew a loan" and "pay online" name objects of their own; "a hold on a book" is a Hold.
    expect(named(candidates, 'Renewal').verbs).toContain('renew');
    expect(named(candidates, 'Payment').verbs).toContain('pay');
    expect(candidates.map((c) => c.name)).not.toContain('Hold On');
    expect(named(candidates, 'Catalog').flags.map((f) => f.kind)).toContain(
      'collection',
    );
  });
});
