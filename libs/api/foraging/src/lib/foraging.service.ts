import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { notFound } from '@orca/api/core';
import { ChangePipeline } from '@orca/api/model';
import type {
  AddForagingSourceResponse,
  ForagingCandidateDto,
  ForagingOverviewDto,
  ForagingSourceDto,
  ForagingSourceWithTextDto,
  ForagingTextFormat,
} from '@orca/shared/contracts';
import { candidateMatcher } from '@orca/shared/domain';
import { DataSource } from 'typeorm';
import { ForagingSourceEntity } from './entities/foraging-source.entity';
import type { ForagingInput } from './foraging-input';
import { analyseSource } from './pipeline/analyse';
import { rankCandidates } from './pipeline/rank';
import {
  ANALYSIS_VERSION,
  type SourceAnalysis,
} from './pipeline/source-analysis';

/** Candidates a response carries; the count says how many there are in all. */
export const CANDIDATES_RETURNED = 200;

interface SourceRow {
  id: string;
  project_id: string;
  name: string;
  format: ForagingTextFormat;
  bytes: number;
  text: string;
  candidates: SourceAnalysis;
  created_by: string | null;
  creator_name: string | null;
  created_at: Date;
}

const SOURCE_SELECT = `
  SELECT s.id, s.project_id, s.name, s.format, s.bytes, s.text, s.candidates, s.created_by,
         u.display_name AS creator_name, s.created_at
  FROM foraging_sources s LEFT JOIN users u ON u.id = s.created_by`;

/**
 * A project's foraged research: each source keeps its text and what the tagger found in it; the
 * candidates of all sources are merged and ranked on every read, and marked when the model
 * already has them. Promotions are changes like any other (the web submits them over the socket).
 */
@Injectable()
export class ForagingService implements OnModuleInit {
  private readonly logger = new Logger('Foraging');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pipeline: ChangePipeline,
  ) {}

  /** compromise builds its lexicon on first use (about a second): do it before serving. */
  async onModuleInit(): Promise<void> {
    await analyseSource('Gardeners book a tool for a morning.', {
      format: 'text',
    });
  }

  async add(
    projectId: string,
    userId: string,
    input: ForagingInput,
  ): Promise<AddForagingSourceResponse> {
    const analysis = await analyseSource(input.text, { format: input.format });
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
        createdBy: userId,
      });
    const overview = await this.overview(projectId);
    const source = overview.sources.find((s) => s.id === saved.id);
    if (!source) throw notFound('foraging_source_not_found', 'Source');
    return { ...overview, source, timing: analysis.timing };
  }

  async overview(projectId: string): Promise<ForagingOverviewDto> {
    const rows = await this.rows(projectId);
    const { candidates, total } = rankCandidates(
      rows.map((row) => ({
        id: row.id,
        text: row.text,
        analysis: row.candidates,
      })),
      { limit: CANDIDATES_RETURNED },
    );
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
    const [row]: SourceRow[] = await this.dataSource.query(
      `${SOURCE_SELECT} WHERE s.project_id = $1 AND s.id = $2`,
      [projectId, sourceId],
    );
    if (!row) throw notFound('foraging_source_not_found', 'Source');
    return { ...toSourceDto(row), text: row.text };
  }

  async remove(projectId: string, sourceId: string): Promise<void> {
    const [, deleted]: [unknown, number] = await this.dataSource.query(
      'DELETE FROM foraging_sources WHERE project_id = $1 AND id = $2',
      [projectId, sourceId],
    );
    if (!deleted) throw notFound('foraging_source_not_found', 'Source');
  }

  /** The project's sources in the order they were added, each analysed by today's rules. */
  private async rows(projectId: string): Promise<SourceRow[]> {
    const rows: SourceRow[] = await this.dataSource.query(
      `${SOURCE_SELECT} WHERE s.project_id = $1 ORDER BY s.created_at, s.id`,
      [projectId],
    );
    for (const row of rows) {
      if (row.candidates?.version === ANALYSIS_VERSION) continue;
      // Kept by older rules: read again, once, and keep the new reading.
      row.candidates = await analyseSource(row.text, { format: row.format });
      await this.dataSource.query(
        'UPDATE foraging_sources SET candidates = $2 WHERE id = $1',
        [row.id, JSON.stringify(row.candidates)],
      );
    }
    return rows;
  }
}

function toSourceDto(row: SourceRow): ForagingSourceDto {
  return {
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    format: row.format,
    bytes: row.bytes,
    characters: Array.from(row.text).length,
    sentenceCount: row.candidates.sentenceCount,
    createdAt: new Date(row.created_at).toISOString(),
    createdBy:
      row.created_by && row.creator_name
        ? { id: row.created_by, displayName: row.creator_name }
        : null,
  };
}
