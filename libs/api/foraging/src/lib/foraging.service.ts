import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { notFound } from '@orca/api/core';
import { ChangePipeline } from '@orca/api/model';
import type {
  AddForagingSourceResponse,
  ForagingActor,
  ForagingCandidateDto,
  ForagingChangedEvent,
  ForagingOverviewDto,
  ForagingSourceDto,
  ForagingSourceWithTextDto,
  ForagingTextFormat,
} from '@orca/shared/contracts';
import { candidateMatcher } from '@orca/shared/domain';
import { Subject } from 'rxjs';
import { DataSource } from 'typeorm';
import { ForagingSourceEntity } from './entities/foraging-source.entity';
import type { ForagingInput } from './foraging-input';
import { singularOf } from './pipeline/analyse';
import { type RankedCandidates, rankCandidates } from './pipeline/rank';
import {
  ANALYSIS_VERSION,
  type SourceAnalysis,
} from './pipeline/source-analysis';
import { ForagingWorkers } from './worker/foraging-workers';

/** Candidates a response carries; the count says how many there are in all. */
export const CANDIDATES_RETURNED = 200;
/** Projects whose ranking is kept in memory (the latest read): members reload together. */
const RANKINGS_KEPT = 8;

interface SourceRow {
  id: string;
  project_id: string;
  name: string;
  format: ForagingTextFormat;
  bytes: number;
  characters: number;
  sentence_count: number | null;
  version: number | null;
  created_by: string | null;
  creator_name: string | null;
  created_at: Date;
}

interface SourceContent {
  id: string;
  format: ForagingTextFormat;
  text: string;
  candidates: SourceAnalysis;
}

/** What the list needs, without the text and the analysis (which can be a few MB together). */
const SOURCE_SELECT = `
  SELECT s.id, s.project_id, s.name, s.format, s.bytes, char_length(s.text) AS characters,
         (s.candidates->>'sentenceCount')::int AS sentence_count,
         (s.candidates->>'version')::int AS version, s.created_by,
         u.display_name AS creator_name, s.created_at`;
const SOURCE_FROM = `
  FROM foraging_sources s LEFT JOIN users u ON u.id = s.created_by`;

/**
 * A project's foraged research: each source keeps its text and what the tagger found in it (in a
 * worker thread, `ForagingWorkers`); the candidates of all sources are merged and ranked on read,
 * and marked when the model already has them. Adding or removing a source is announced on
 * `changes$` (the collaboration gateway tells the project's room). Promotions are changes like any
 * other (the web submits them over the socket).
 */
@Injectable()
export class ForagingService implements OnModuleInit {
  readonly changes$ = new Subject<ForagingChangedEvent>();
  private readonly logger = new Logger('Foraging');
  /** The latest ranking of each project, by the sources it was made from (`id@version,…`). */
  private readonly rankings = new Map<
    string,
    { signature: string; ranked: Promise<RankedCandidates> }
  >();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pipeline: ChangePipeline,
    private readonly workers: ForagingWorkers,
  ) {}

  /** Ranking uses compromise's inflections on this thread: its lexicon is built before serving. */
  onModuleInit(): void {
    singularOf('gardens');
  }

  async add(
    projectId: string,
    actor: ForagingActor,
    input: ForagingInput,
    signal?: AbortSignal,
  ): Promise<AddForagingSourceResponse> {
    const analysis = await this.workers.analyse(
      input.text,
      input.format,
      signal,
    );
    this.logger.log(
      {
        projectId,
        bytes: Buffer.byteLength(input.text, 'utf8'),
        ...analysis.timing,
      },
      'Foraged a source',
    );
    const saved = await this.dataSource
      .getRepository(ForagingSourceEntity)
      .save({
        projectId,
        name: input.name,
        format: input.format,
        text: input.text,
        bytes: Buffer.byteLength(input.text, 'utf8'),
        candidates: analysis,
        createdBy: actor.id,
      });
    // The new source's text and analysis are at hand: ranking does not read them back.
    const overview = await this.read(projectId, {
      id: saved.id,
      format: input.format,
      text: input.text,
      candidates: analysis,
    });
    const source = overview.sources.find((s) => s.id === saved.id);
    if (!source) throw notFound('foraging_source_not_found', 'Source');
    // After the ranking, so the members who read again find it made.
    this.changes$.next({ projectId, kind: 'source-added', source, actor });
    return { ...overview, source, timing: analysis.timing };
  }

  overview(projectId: string): Promise<ForagingOverviewDto> {
    return this.read(projectId);
  }

  /** The overview; `fresh` is a source just saved, whose text and analysis are at hand. */
  private async read(
    projectId: string,
    fresh?: SourceContent,
  ): Promise<ForagingOverviewDto> {
    const rows: SourceRow[] = await this.dataSource.query(
      `${SOURCE_SELECT} ${SOURCE_FROM} WHERE s.project_id = $1 ORDER BY s.created_at, s.id`,
      [projectId],
    );
    const { candidates, total } = await this.ranking(projectId, rows, fresh);
    const { model } = await this.pipeline.read(projectId);
    const match = candidateMatcher(model);
    return {
      sources: rows.map(toSourceDto),
      candidates: candidates.map(
        (candidate): ForagingCandidateDto => ({
          ...candidate,
          inModel: match(candidate),
        }),
      ),
      candidateCount: total,
    };
  }

  async get(
    projectId: string,
    sourceId: string,
  ): Promise<ForagingSourceWithTextDto> {
    const [row]: Array<SourceRow & { text: string }> =
      await this.dataSource.query(
        `${SOURCE_SELECT}, s.text ${SOURCE_FROM} WHERE s.project_id = $1 AND s.id = $2`,
        [projectId, sourceId],
      );
    if (!row) throw notFound('foraging_source_not_found', 'Source');
    return { ...toSourceDto(row), text: row.text };
  }

  async remove(
    projectId: string,
    sourceId: string,
    actor: ForagingActor,
  ): Promise<void> {
    const [, deleted]: [unknown, number] = await this.dataSource.query(
      'DELETE FROM foraging_sources WHERE project_id = $1 AND id = $2',
      [projectId, sourceId],
    );
    if (!deleted) throw notFound('foraging_source_not_found', 'Source');
    this.changes$.next({ projectId, kind: 'source-removed', sourceId, actor });
  }

  /**
   * The project's candidates, ranked over all its sources: from memory when the sources are the
   * ones ranked last (several members read again together after a source was added), else read
   * and ranked once for everyone asking at the same time.
   */
  private ranking(
    projectId: string,
    rows: readonly SourceRow[],
    fresh?: SourceContent,
  ): Promise<RankedCandidates> {
    const signature = rows
      .map((row) => `${row.id}@${row.version ?? 0}`)
      .join(',');
    const kept = this.rankings.get(projectId);
    if (kept?.signature === signature) {
      // Most recently used last: the oldest goes first when the map is full.
      this.rankings.delete(projectId);
      this.rankings.set(projectId, kept);
      return kept.ranked;
    }
    const ids = rows.map((row) => row.id);
    const ranked = this.contents(ids, fresh).then((sources) =>
      rankCandidates(
        sources.map((source) => ({
          id: source.id,
          text: source.text,
          analysis: source.candidates,
        })),
        { limit: CANDIDATES_RETURNED },
      ),
    );
    const entry = { signature, ranked };
    this.rankings.delete(projectId);
    this.rankings.set(projectId, entry);
    if (this.rankings.size > RANKINGS_KEPT) {
      const oldest = this.rankings.keys().next().value;
      if (oldest !== undefined) this.rankings.delete(oldest);
    }
    // A failed reading is not kept: the next read tries again.
    ranked.catch(() => {
      if (this.rankings.get(projectId) === entry)
        this.rankings.delete(projectId);
    });
    return ranked;
  }

  /**
   * These sources' texts and analyses in the order given (the order they were added), each by
   * today's rules; `fresh` (just saved) is not read back.
   */
  private async contents(
    ids: readonly string[],
    fresh?: SourceContent,
  ): Promise<SourceContent[]> {
    const stored = ids.filter((id) => id !== fresh?.id);
    const read: SourceContent[] =
      stored.length === 0
        ? []
        : await this.dataSource.query(
            `SELECT id, format, text, candidates FROM foraging_sources
             WHERE id = ANY($1::uuid[])`,
            [stored],
          );
    const byId = new Map(read.map((source) => [source.id, source]));
    if (fresh) byId.set(fresh.id, fresh);
    const sources = ids.flatMap((id) => byId.get(id) ?? []);
    for (const source of sources) {
      if (source.candidates?.version === ANALYSIS_VERSION) continue;
      // Kept by older rules: read again (in a worker), once, and keep the new reading.
      source.candidates = await this.workers.analyse(
        source.text,
        source.format,
      );
      await this.dataSource.query(
        'UPDATE foraging_sources SET candidates = $2 WHERE id = $1',
        [source.id, JSON.stringify(source.candidates)],
      );
    }
    return sources;
  }
}

function toSourceDto(row: SourceRow): ForagingSourceDto {
  return {
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    format: row.format,
    bytes: row.bytes,
    characters: Number(row.characters),
    sentenceCount: row.sentence_count ?? 0,
    createdAt: new Date(row.created_at).toISOString(),
    createdBy:
      row.created_by && row.creator_name
        ? { id: row.created_by, displayName: row.creator_name }
        : null,
  };
}
