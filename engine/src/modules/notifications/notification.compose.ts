import type { I18nText } from '@liuyun/definitions';

const BRAND = '流云 Liuyun';
const SUBJECT_MAX = 150;

/** Both languages, once when they read the same (no per-user language yet). */
function bilingual(message: I18nText, separator: string): string {
  const zh = message.zh.trim();
  const en = message.en.trim();
  return zh === en || en === '' ? zh : zh === '' ? en : `${zh}${separator}${en}`;
}

/** The mail of a notification: a one-line subject and a plain-text body in zh and en. */
export function composeMail(message: I18nText): { subject: string; text: string } {
  const line = bilingual(message, ' | ').replace(/\s+/g, ' ');
  const subject = line.length > SUBJECT_MAX ? `${line.slice(0, SUBJECT_MAX - 1)}…` : line;
  return { subject, text: `${bilingual(message, '\n\n')}\n\n— ${BRAND}\n` };
}

/**
 * A chat-robot text: the brand first (robots guarded by a keyword can be set to
 * "流云" or "Liuyun"), the message in zh and en, then who it is for.
 */
export function composeRobotText(message: I18nText, recipientNames: string[]): string {
  return `【${BRAND}】\n${bilingual(message, '\n')}\n收件人 To: ${recipientNames.join('、')}`;
}
