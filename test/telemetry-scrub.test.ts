/** Telemetry never carries a bearer URL or an address: what each kind of URL becomes before export. */
import { scrubUrl, scrubbingSpanProcessor } from '../src/telemetry-scrub';

describe('scrubbing URLs before export', () => {
  it.each([
    [
      'https://contoso-my.sharepoint.com/personal/x/_layouts/15/download.aspx?UniqueId=1&tempauth=eyJ0',
      'https://contoso-my.sharepoint.com/{file}',
    ],
    [
      'https://contoso-my.sharepoint.com/personal/x/_api/v2.0/drive/items/01/uploadSession?guid=a&tempauth=b',
      'https://contoso-my.sharepoint.com/{file}',
    ],
    [
      'https://graph.microsoft.com/v1.0/users/area-ops.dover%40kent.gov.uk/teamwork/installedApps?$expand=x',
      'https://graph.microsoft.com/v1.0/users/{address}/teamwork/installedApps',
    ],
    [
      'https://graph.microsoft.com/v1.0/users/a@b.org/sendMail',
      'https://graph.microsoft.com/v1.0/users/{address}/sendMail',
    ],
    [
      'https://smba.trafficmanager.net/teams/v3/conversations/a%3A1/activities',
      'https://smba.trafficmanager.net/teams/v3/conversations/a%3A1/activities',
    ],
    ['/api/messages?code=x', '/api/messages'],
    ['/users/someone@council.gov.uk/x#frag', '/users/{address}/x'],
  ])('%s', (url, expected) => {
    expect(scrubUrl(url)).toBe(expected);
  });

  it('the span processor rewrites URL attributes in place and drops the query attribute', () => {
    const attributes: Record<string, unknown> = {
      'url.full': 'https://x.sharepoint.com/a?tempauth=t',
      'http.url': 'https://x.sharepoint.com/a?tempauth=t',
      'url.query': 'tempauth=t',
      'http.method': 'GET',
    };
    scrubbingSpanProcessor.onEnd({ attributes } as unknown as Parameters<
      typeof scrubbingSpanProcessor.onEnd
    >[0]);
    expect(attributes).toEqual({
      'url.full': 'https://x.sharepoint.com/{file}',
      'http.url': 'https://x.sharepoint.com/{file}',
      'http.method': 'GET',
    });
  });
});
