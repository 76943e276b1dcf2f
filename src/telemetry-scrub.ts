/**
 * What telemetry must never carry: bearer URLs and people's addresses. Teams' file download links
 * (`tempauth=`) and OneDrive upload sessions are credentials in their query strings and paths, and Graph
 * paths name people (`/users/someone@council.gov.uk`). Every exported span's URL attributes go through
 * `scrubUrl` first: the query dropped, a SharePoint/OneDrive path replaced, an address in a path masked.
 */
import type { AzureMonitorOpenTelemetryOptions } from '@azure/monitor-opentelemetry';

type SpanProcessor = NonNullable<AzureMonitorOpenTelemetryOptions['spanProcessors']>[number];
type EndedSpan = Parameters<SpanProcessor['onEnd']>[0];

const SHAREPOINT =
  /(^|\.)(sharepoint\.com|sharepoint\.us|sharepoint-mil\.us|sharepoint\.de|sharepoint\.cn)$/i;
const ADDRESS = /[^/\s?#]+(@|%40)[^/\s?#]+/g;

/** A URL (or a path) fit to export: no query or fragment, no SharePoint path, no address in the path. */
export function scrubUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // A path (http.target): the same rules without a host.
    return value.replace(/[?#].*$/s, '').replace(ADDRESS, '{address}');
  }
  const path = SHAREPOINT.test(url.hostname) ? '/{file}' : url.pathname.replace(ADDRESS, '{address}');
  return `${url.protocol}//${url.host}${path}`;
}

/** Attributes that hold a URL or part of one, in the old and the current semantic conventions. */
const URL_ATTRIBUTES = ['url.full', 'http.url', 'http.target', 'url.path', 'url.original'];

/** Scrubs every ended span's URL attributes (and a name that carries a URL) before it is exported. */
export const scrubbingSpanProcessor: SpanProcessor = {
  onStart: () => undefined,
  onEnd: (span: EndedSpan) => {
    // The exporter reads the same object after this processor: its attributes are changed in place.
    const attributes = span.attributes as Record<string, unknown>;
    for (const key of URL_ATTRIBUTES) {
      const value = attributes[key];
      if (typeof value === 'string') attributes[key] = scrubUrl(value);
    }
    delete attributes['url.query'];
    delete attributes['url.fragment'];
  },
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};
