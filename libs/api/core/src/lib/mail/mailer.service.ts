import { Inject, Injectable, Logger } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/tokens';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/** Sends mail through SMTP_URL; without it, `send` reports false and the caller hands the link over itself. */
@Injectable()
export class MailerService {
  private readonly logger = new Logger('Mail');
  private readonly transport: Transporter | null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.transport = config.smtpUrl ? createTransport(config.smtpUrl) : null;
  }

  get enabled(): boolean {
    return this.transport !== null;
  }

  /** True when the mail was handed to the SMTP server. */
  async send(mail: OutgoingMail): Promise<boolean> {
    if (!this.transport) {
      this.logger.log(
        { to: mail.to, subject: mail.subject, text: mail.text },
        'Mail not sent (no SMTP_URL); logged instead',
      );
      return false;
    }
    try {
      await this.transport.sendMail({ from: this.config.mailFrom, ...mail });
      return true;
    } catch (error) {
      this.logger.warn(
        `Mail to ${mail.to} failed: ${(error as Error).message}`,
      );
      return false;
    }
  }
}
