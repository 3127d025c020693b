// The bank's outgoing-mail settings and their checks. A setting that cannot work is refused before the server starts,
// never discovered at the first reset request. Messages never echo the SMTP URL: it may carry a password.

export type MailConfig = {
  /** `smtp://` (STARTTLS when the server offers it) or `smtps://` (TLS from the start); may carry user:password. */
  readonly smtpUrl: string;
  /** The From header: `no-reply@bank.example` or `ATM Kiosk Bank <no-reply@bank.example>`. */
  readonly from: string;
};

/** The names a message refers to the settings by (the server's option fields, or the CLI's environment variables). */
export type MailSettingNames = { readonly smtpUrl: string; readonly from: string };

export const MAIL_OPTION_NAMES: MailSettingNames = { smtpUrl: 'mail.smtpUrl', from: 'mail.from' };
export const MAIL_ENV_NAMES: MailSettingNames = { smtpUrl: 'BANK_SMTP_URL', from: 'BANK_MAIL_FROM' };

const SMTP_URL_CHARS_MAX = 2_048;
const ADDRESS_CHARS_MAX = 254;
const DISPLAY_NAME_CHARS_MAX = 64;
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const ADDRESS = `[A-Za-z0-9!#$%&'*+/=?^_\`{|}~.-]{1,64}@${LABEL}(?:\\.${LABEL})*`;
const BARE_ADDRESS = new RegExp(`^${ADDRESS}$`);
// No quotes, commas, semicolons, colons or angle brackets in the name: any of them could turn one From into a
// group or a list when the header is parsed.
const NAMED_ADDRESS = new RegExp(`^[^<>"',;:@\\\\\\x00-\\x1f\\x7f]{1,${DISPLAY_NAME_CHARS_MAX}} <${ADDRESS}>$`);

function isSmtpUrl(value: string): boolean {
  if (value.length > SMTP_URL_CHARS_MAX || /\s/.test(value)) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname.length > 0 && url.hash === '';
}

/** `no-reply@bank.example` or `Display Name <no-reply@bank.example>`, on one line. */
export function isPlausibleFromAddress(value: string): boolean {
  return value.length <= ADDRESS_CHARS_MAX && (BARE_ADDRESS.test(value) || NAMED_ADDRESS.test(value));
}

/** Returns the config if both settings are usable; otherwise throws a RangeError naming the setting (not its value). */
export function validateMailConfig(config: MailConfig, names: MailSettingNames = MAIL_OPTION_NAMES): MailConfig {
  if (!isSmtpUrl(config.smtpUrl)) {
    throw new RangeError(
      `${names.smtpUrl} must be an smtp:// or smtps:// URL with a host, e.g. smtps://user:password@mail.example.com:465.`,
    );
  }
  if (!isPlausibleFromAddress(config.from)) {
    throw new RangeError(
      `${names.from} must be an e-mail address, e.g. no-reply@bank.example or "ATM Kiosk Bank <no-reply@bank.example>".`,
    );
  }
  return config;
}

/**
 * The mail settings from BANK_SMTP_URL and BANK_MAIL_FROM: null when neither is set (messages stay in the outbox),
 * a validated config when both are, and a RangeError for one without the other or an unusable value.
 */
export function mailConfigFromEnv(env: Readonly<Record<string, string | undefined>>): MailConfig | null {
  const smtpUrl = env[MAIL_ENV_NAMES.smtpUrl]?.trim() ?? '';
  const from = env[MAIL_ENV_NAMES.from]?.trim() ?? '';
  if (smtpUrl === '' && from === '') return null;
  if (smtpUrl === '') {
    throw new RangeError(`${MAIL_ENV_NAMES.from} is set but ${MAIL_ENV_NAMES.smtpUrl} is not: set both to send mail.`);
  }
  if (from === '') {
    throw new RangeError(`${MAIL_ENV_NAMES.smtpUrl} is set but ${MAIL_ENV_NAMES.from} is not: set both to send mail.`);
  }
  return validateMailConfig({ smtpUrl, from }, MAIL_ENV_NAMES);
}

/** Where mail goes, for a log line: scheme, host and port only (never the credentials or query). */
export function smtpEndpointOf(config: MailConfig): string {
  const url = new URL(config.smtpUrl);
  const port = url.port || (url.protocol === 'smtps:' ? '465' : '587');
  return `${url.protocol}//${url.hostname}:${port}`;
}
