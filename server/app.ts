import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { createErrorHandler, problemResponse, type ProblemLogger } from './http/problem';
import { spaHandler } from './http/static-files';
import { docsRoutes } from './routes/docs';
import { eventsRoutes } from './routes/events';
import { healthRoutes, type HealthProbe } from './routes/health';
import { ingestRoutes } from './routes/ingest';
import { itemsRoutes } from './routes/items';
import { jobsRoutes } from './routes/jobs';
import { libraryRoutes } from './routes/library';
import { reviewRoutes } from './routes/review';
import { sightingsRoutes } from './routes/sightings';
import { sourcesRoutes } from './routes/sources';
import { statsRoutes } from './routes/stats';
import { topicsRoutes } from './routes/topics';
import { sentimentRoutes } from './routes/sentiment';
import { trendsRoutes } from './routes/trends';
import { alertsRoutes } from './routes/alerts';
import { voidsRoutes } from './routes/voids';
import { ledgerRoutes } from './routes/ledger';
import { reportsRoutes } from './routes/reports';
import { authRoutes } from './routes/auth';
import { authMiddleware } from './http/auth';
import { accessLog, type AccessLogger } from './http/access-log';
import { ROUTE_RULES } from './auth/route-rules';
import type { SourcesRepo } from './repositories/sources-repo';
import type { CrawlService } from './services/crawl-service';
import type { EventBus } from './services/event-bus';
import type { ItemsService } from './services/items-service';
import type { JobRunner } from './services/job-runner';
import type { LibraryService } from './services/library-service';
import type { ReviewService } from './services/review-service';
import type { SightingsService } from './services/sightings-service';
import type { StatsService } from './services/stats-service';
import type { TopicsService } from './services/topics-service';
import type { SentimentService } from './services/sentiment-service';
import type { TrendsService } from './services/trends-service';
import type { InsightsService } from './services/insights-service';
import type { AlertsService } from './services/alerts-service';
import type { VoidsService } from './services/voids-service';
import type { LedgerService } from './services/ledger-service';
import type { ReportsService } from './services/reports-service';
import type { AuthService } from './services/auth-service';
import { createSourcesService } from './services/sources-service';

export interface AppDeps {
  items: ItemsService;
  review: ReviewService;
  library: LibraryService;
  sightings: SightingsService;
  jobs: Pick<JobRunner, 'list'>;
  stats: StatsService;
  topics: TopicsService;
  sentiment: SentimentService;
  trends: TrendsService;
  insights: InsightsService;
  alerts: AlertsService;
  voids: VoidsService;
  ledger: LedgerService;
  reports: ReportsService;
  testWebhook: (id: number) => Promise<string | null>;
  sources: SourcesRepo;
  crawl: CrawlService | null;
  events: EventBus;
  health: HealthProbe;
  auth: AuthService;
  /** Secure cookies: auto (when the request is HTTPS, or X-Forwarded-Proto says so behind a trusted proxy), always, never. */
  cookies: { mode: 'auto' | 'always' | 'never'; trustProxy: boolean };
  /** Built dashboard (dist/web); null serves the API only. */
  webRoot: string | null;
  /** Called after every state-changing request of a person (not machine ingest): see change-version.ts. */
  onPersonWrite?: () => void;
  log: ProblemLogger & Partial<AccessLogger>;
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Builds the HTTP app from its dependencies; no I/O happens here. */
export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono();
  app.use('*', requestId());
  app.use('*', async (c, next) => {
    await next();
    c.header('x-content-type-options', 'nosniff');
    c.header('referrer-policy', 'no-referrer');
    c.header('x-frame-options', 'DENY');
    // No inline or remote script can run, even if crawled text ever slipped into a page as markup.
    // Inline styles stay allowed: Vue and Element Plus set style attributes for layout.
    // A route may set a stricter policy of its own (the reports' print view allows nothing at all).
    if (!c.res.headers.has('content-security-policy')) c.header('content-security-policy', CSP);
  });
  const tooLarge = (c: Parameters<typeof problemResponse>[0]) =>
    problemResponse(c, 413, 'payload_too_large', 'request body too large');
  app.use('/api/ingest/*', bodyLimit({ maxSize: 20 * 1024 * 1024, onError: tooLarge }));
  // A library import carries a whole file (JSON or CSV) in its body.
  app.use('/api/library/import', bodyLimit({ maxSize: 8 * 1024 * 1024, onError: tooLarge }));
  // So does a ledger import (XLSX as base64).
  app.use('/api/ledger/import', bodyLimit({ maxSize: 16 * 1024 * 1024, onError: tooLarge }));
  app.use('/api/*', async (c, next) => {
    if (c.req.path.startsWith('/api/ingest/') || c.req.path === '/api/library/import' || c.req.path === '/api/ledger/import') return next();
    return bodyLimit({ maxSize: 64 * 1024, onError: tooLarge })(c, next);
  });

  const { info, debug, warn } = deps.log;
  if (info && debug && warn) app.use('/api/*', accessLog({ info: info.bind(deps.log), debug: debug.bind(deps.log), warn: warn.bind(deps.log) }));
  // A person's change shows in the very next answer, even where answers may lag background writes.
  const onPersonWrite = deps.onPersonWrite;
  if (onPersonWrite) {
    app.use('/api/*', async (c, next) => {
      await next();
      if (!READ_METHODS.has(c.req.method) && !c.req.path.startsWith('/api/ingest/')) onPersonWrite();
    });
  }
  // Every API route has an access rule (auth/route-rules.ts); this is where it is enforced.
  app.use('/api/*', authMiddleware({ auth: deps.auth, rules: ROUTE_RULES }));

  const api = new OpenAPIHono();
  api.route('/', healthRoutes(deps.health));
  api.route('/', authRoutes(deps.auth, deps.cookies));
  api.route('/', itemsRoutes(deps.items));
  api.route('/', reviewRoutes(deps.review));
  api.route('/', libraryRoutes(deps.library));
  api.route('/', sightingsRoutes(deps.sightings));
  api.route('/', jobsRoutes(deps.jobs));
  api.route('/', sourcesRoutes(createSourcesService({ sources: deps.sources, events: deps.events }), deps.sources, deps.crawl));
  api.route('/', statsRoutes(deps.stats));
  api.route('/', topicsRoutes(deps.topics));
  api.route('/', sentimentRoutes(deps.sentiment));
  api.route('/', trendsRoutes(deps.trends, deps.insights));
  api.route('/', alertsRoutes(deps.alerts, deps.testWebhook));
  api.route('/', voidsRoutes(deps.voids));
  api.route('/', ledgerRoutes(deps.ledger));
  api.route('/', reportsRoutes(deps.reports));
  api.route('/', eventsRoutes(deps.events));
  if (deps.crawl) api.route('/', ingestRoutes(deps.crawl, deps.sources));
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: '舆情监测与宣传工作看板 API',
      version: deps.health.version,
      description: 'Errors are RFC 9457 application/problem+json with a stable `code` and the request id.',
    },
    servers: [{ url: '/api' }],
  });
  api.route('/', docsRoutes());
  api.all('*', (c) => problemResponse(c, 404, 'not_found', `no API route ${c.req.method} ${c.req.path}`));
  app.route('/api', api);

  if (deps.webRoot) app.get('*', spaHandler(deps.webRoot));
  app.notFound((c) => problemResponse(c, 404, 'not_found', `nothing at ${c.req.path}`));
  app.onError(createErrorHandler(deps.log));
  // Sub-apps keep their own handlers unless told: errors thrown inside routes go to the same one.
  api.onError(createErrorHandler(deps.log));
  return app;
}
