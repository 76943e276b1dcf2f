/**
 * "Which service?": one button per service, each sending the command back with the service named. Plain
 * Action.Submit (schema 1.0: desktop, web and mobile, 1:1 chats and channels); the bot runs it as if
 * `<command> for <key>` had been typed. One button a row, so every service of a large council is
 * offered and long names fit a phone.
 */
import type { CardJson } from './render';

export interface PickerChoice {
  readonly key: string;
  readonly name: string;
}

/** The verb of a picker button's data. */
export const PICK_SERVICE = 'pickService';

export function servicePickerCard(command: string, choices: readonly PickerChoice[]): CardJson {
  const intro = `"${command}" can be for any of these ${choices.length} services. Which one?`;
  return {
    type: 'AdaptiveCard',
    version: '1.5',
    fallbackText: `${intro} Type "${command} for <service key>": ${choices.map((c) => c.key).join(', ')}.`,
    speak: intro,
    body: [
      {
        type: 'TextBlock',
        text: 'Which service?',
        size: 'Large',
        weight: 'Bolder',
        wrap: true,
        style: 'heading',
      },
      // What was typed is shown as typed (TextRuns are never read as Markdown).
      { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: intro }] },
      {
        type: 'RichTextBlock',
        inlines: [
          {
            type: 'TextRun',
            text: `You can also type it: "${command} for ${choices[0]?.key ?? 'lra'}".`,
            isSubtle: true,
            size: 'Small',
          },
        ],
      },
      // One button a row: long service names stay whole on a phone, and no set passes Teams' action limit.
      ...choices.map((c) => ({
        type: 'ActionSet',
        spacing: 'Small',
        actions: [
          {
            type: 'Action.Submit',
            title: c.name,
            data: { verb: PICK_SERVICE, command, service: c.key },
          },
        ],
      })),
    ],
  };
}
