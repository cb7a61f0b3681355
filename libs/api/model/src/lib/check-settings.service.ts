import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CheckRuleId } from '@orca/shared/domain';
import { DataSource } from 'typeorm';

/** The check rules a project has switched off (kept on the project row). */
@Injectable()
export class CheckSettings {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async disabledRules(projectId: string): Promise<CheckRuleId[]> {
    const [row]: Array<{ disabled_checks: string[] }> =
      await this.dataSource.query(
        'SELECT disabled_checks FROM projects WHERE id = $1',
        [projectId],
      );
    return (row?.disabled_checks ?? []) as CheckRuleId[];
  }

  async setDisabledRules(
    projectId: string,
    rules: readonly CheckRuleId[],
  ): Promise<void> {
    await this.dataSource.query(
      'UPDATE projects SET disabled_checks = $2::text[], updated_at = now() WHERE id = $1',
      [projectId, rules],
    );
  }
}
