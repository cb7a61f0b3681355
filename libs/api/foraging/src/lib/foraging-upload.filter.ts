import {
  type ArgumentsHost,
  BadRequestException,
  Catch,
  type ExceptionFilter,
  PayloadTooLargeException,
} from '@nestjs/common';
import { ProblemFilter, validationFailed } from '@orca/api/core';
import { FORAGING_FILE_FIELD } from '@orca/shared/contracts';
import { tooLarge } from './foraging-input';

/**
 * Multer's own refusals (a file over the limit, a file in another field) as problem details that
 * name the field, like every other refusal of the route.
 */
@Catch(PayloadTooLargeException, BadRequestException)
export class ForagingUploadFilter implements ExceptionFilter {
  private readonly problems = new ProblemFilter();

  catch(
    exception: PayloadTooLargeException | BadRequestException,
    host: ArgumentsHost,
  ): void {
    const converted =
      exception instanceof PayloadTooLargeException
        ? tooLarge(FORAGING_FILE_FIELD)
        : validationFailed([
            {
              field: FORAGING_FILE_FIELD,
              message: `send one .txt or .md file in the "${FORAGING_FILE_FIELD}" field (${exception.message})`,
            },
          ]);
    this.problems.catch(converted, host);
  }
}
