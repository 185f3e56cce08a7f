import { streamSSE } from 'hono/streaming';
import { createRouter } from '../http/openapi-app';
import type { AppEvents, EventBus } from '../services/event-bus';

const EVENT_TYPES: (keyof AppEvents)[] = ['crawl-run', 'items', 'verdict', 'job', 'library', 'topics', 'sentiment', 'alert', 'alert-ack', 'alert-repeat', 'report'];

/** Server-sent events for live dashboard status; a heartbeat keeps proxies from closing the stream. */
export function eventsRoutes(bus: EventBus, heartbeatMs = 25_000) {
  const app = createRouter();
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/events',
    tags: ['operations'],
    summary: 'Live events (text/event-stream): crawl-run (a CrawlRun, when a run starts or ends), items ({new}), verdict ({itemId}), job (a Job: background re-tagging progress), library ({id}: an entry or its rebuttals changed), topics ({ids}: topics whose items were re-matched), sentiment ({itemIds}: items an analyst relabelled), alert (an Alert just raised), alert-ack (an Alert acknowledged), alert-repeat (an Alert whose repeat count rose), report (a ReportFile: a work-summary report queued, progressing, done or failed)',
    responses: { 200: { description: 'An event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } } },
  });
  app.get('/events', (c) =>
    streamSSE(c, async (stream) => {
      const queue: { event: string; data: string }[] = [];
      let wake: (() => void) | null = null;
      const offs = EVENT_TYPES.map((type) =>
        bus.on(type, (data) => {
          queue.push({ event: type, data: JSON.stringify(data) });
          wake?.();
        }),
      );
      let open = true;
      stream.onAbort(() => {
        open = false;
        wake?.();
      });
      await stream.writeSSE({ event: 'hello', data: '{}' });
      try {
        while (open) {
          while (queue.length) await stream.writeSSE(queue.shift()!);
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, heartbeatMs);
          });
          wake = null;
          if (open && queue.length === 0) await stream.writeSSE({ event: 'ping', data: '{}' });
        }
      } finally {
        offs.forEach((off) => off());
      }
    }),
  );
  return app;
}
