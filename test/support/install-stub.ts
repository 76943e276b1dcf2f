/** Gives people conversation references that point at a connector stub (as an install would). */
import type { PeopleStore } from '../../src/app/ports';

export function referenceFor(stubUrl: string, upn: string): string {
  return JSON.stringify({
    serviceUrl: stubUrl,
    channelId: 'msteams',
    conversation: { id: `a:${upn}`, conversationType: 'personal', tenantId: 't' },
    bot: { id: '28:bot', name: 'RAG Chaser' },
    user: { id: `29:${upn}`, name: upn, aadObjectId: `aad-${upn}` },
  });
}

export async function installAll(
  people: PeopleStore,
  stubUrl: string,
  upns: readonly string[],
  now = '2016-06-01T00:00:00Z',
): Promise<void> {
  const queue = [...upns];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let upn = queue.shift(); upn; upn = queue.shift())
        await people.upsert(
          upn,
          { conversation: referenceFor(stubUrl, upn), reachable: true, name: upn },
          now,
        );
    }),
  );
}
