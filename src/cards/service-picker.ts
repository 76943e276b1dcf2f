/**
 * "Which service?": one button per service, each sending the command again with the service named
 * (`status for lra`). messageBack works in the 1:1 chat and in channels, on desktop and mobile.
 */
import type { CardJson } from './render';

export interface PickerChoice {
  readonly key: string;
  readonly name: string;
}

export function servicePickerCard(command: string, choices: readonly PickerChoice[]): CardJson {
  const intro = `This deployment runs ${choices.length} services. Which one is "${command}" for?`;
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
      { type: 'TextBlock', text: intro, wrap: true },
      {
        type: 'TextBlock',
        text: `You can also type it: "${command} for ${choices[0]?.key ?? 'lra'}".`,
        wrap: true,
        isSubtle: true,
        size: 'Small',
      },
    ],
    actions: choices.map((c) => ({
      type: 'Action.Submit',
      title: c.name,
      data: {
        msteams: {
          type: 'messageBack',
          text: `${command} for ${c.key}`,
          displayText: `${command} for ${c.name}`,
        },
      },
    })),
  };
}
