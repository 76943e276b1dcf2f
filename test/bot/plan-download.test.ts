/** Outside local mode a plan file is fetched only from an HTTPS link (Teams' are SharePoint/OneDrive). */
import { download } from '../../src/bot/plan-upload';
import { FileStub } from '../support/file-stub';

it('refuses a non-HTTPS link outside local mode; fetches it in local mode', async () => {
  const files = new FileStub();
  await files.start();
  try {
    const url = files.serve('activities.csv', Buffer.from('activity_id\n'));
    await expect(download('activities.csv', url, { timeoutMs: 2000, httpsOnly: true })).rejects.toThrow(
      /did not come from Teams/,
    );
    const fetched = await download('activities.csv', url, { timeoutMs: 2000, httpsOnly: false });
    expect(Buffer.from(fetched.bytes).toString()).toBe('activity_id\n');
  } finally {
    await files.stop();
  }
});
