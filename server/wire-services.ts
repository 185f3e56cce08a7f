import type { SourceConfig } from './contracts/source';
import type { Db } from './db/open-database';
import { createClustersRepo } from './repositories/clusters-repo';
import { createFrontierRepo } from './repositories/frontier-repo';
import { createItemsRepo } from './repositories/items-repo';
import { createLibraryRepo, type MatchWrite } from './repositories/library-repo';
import { createOutboxRepo } from './repositories/outbox-repo';
import { createReviewQueueRepo } from './repositories/review-queue-repo';
import { createChangeVersion, freshnessOf, requireFreshAnswers } from './repositories/change-version';
import { createItemsAnnouncer } from './services/items-announcer';
import { createReviewsRepo } from './repositories/reviews-repo';
import type { SearchIndex } from './repositories/search-index';
import { createSourcesRepo } from './repositories/sources-repo';
import { createSightingsRepo } from './repositories/sightings-repo';
import { createStatsRepo } from './repositories/stats-repo';
import { applyClaimMatches, type ClaimMatcher } from './services/claim-matching';
import { createClusterService } from './services/cluster-service';
import { createCrawlService, type RunCrawl } from './services/crawl-service';
import type { EventBus } from './services/event-bus';
import { createIngestService, type ClaimStep, type ItemTagger } from './services/ingest-service';
import { createItemsService } from './services/items-service';
import { createJobRunner } from './services/job-runner';
import { createLibraryService } from './services/library-service';
import { createRetagService } from './services/retag-service';
import { createReviewService, type LearnedVerdict } from './services/review-service';
import { createSightingsService } from './services/sightings-service';
import { createStatsService } from './services/stats-service';
import { createTopicsRepo } from './repositories/topics-repo';
import { createTopicsService } from './services/topics-service';
import { createTrendsRepo, hourKey } from './repositories/trends-repo';
import { createQuestionsRepo } from './repositories/questions-repo';
import { createVoidsService } from './services/voids-service';
import { createTrendsService } from './services/trends-service';
import { createInsightsService } from './services/insights-service';
import { createKeywordsRepo } from './repositories/keywords-repo';
import { createEventsRepo } from './repositories/events-repo';
import { createKeywordExtractor, type KeywordExtractor } from './nlp/keywords';
import { createAlertsRepo } from './repositories/alerts-repo';
import { createAutoMatch } from './services/auto-match';
import { createLedgerRepo } from './repositories/ledger-repo';
import { createLedgerService } from './services/ledger-service';
import { createAlertSignalsRepo } from './repositories/alert-signals-repo';
import { createAlertsService } from './services/alerts-service';
import { createAlertEvaluator } from './services/alert-evaluator';
import { createWebhookDelivery, type Post } from './services/webhook-delivery';
import { NotFoundError } from './errors';
import { createSentimentRepo } from './repositories/sentiment-repo';
import { createSentimentService } from './services/sentiment-service';
import { createSentimentScorer, type SentimentScorer } from './sentiment/sentiment-tagger';
import type { SentimentLabel } from './contracts/item';
import { createReportsRepo } from './repositories/reports-repo';
import { createReportFiles } from './repositories/report-files';
import { createReportsService } from './services/reports-service';
import { createRetentionRepo } from './repositories/retention-repo';
import { createRetentionService } from './services/retention-service';
import { createAuthRepo } from './repositories/auth-repo';
import { createAuthService } from './services/auth-service';
import { argon2Hasher, type PasswordHasher } from './auth/passwords';


export interface WireOptions {
  db: Db;
  sources: SourceConfig[];
  tagger: ItemTagger;
  /** Keyword extraction for hot words; jieba when not given. */
  keywords?: KeywordExtractor;
  /** Item sentiment; the built-in word list when not given. */
  sentiment?: SentimentScorer;
  onSentimentLearn?: (example: { itemId: number; label: SentimentLabel }) => void;
  matcher: ClaimMatcher;
  normalise: (s: string) => string;
  /** Null: no search engine (listing and search answer from SQLite). */
  index: SearchIndex | null;
  runCrawl: RunCrawl;
  events: EventBus;
  /** Something changed that the search index must pick up (the outbox has work). */
  onIndexWork?: () => void;
  onSearchFallback?: (err: Error) => void;
  onLearn?: (verdicts: LearnedVerdict[]) => void;
  onJobError?: (err: Error) => void;
  claimMinutes?: number;
  /** How webhooks are posted (tests pass a recorder); real HTTP when not given. */
  webhookPost?: Post;
  /** The dashboard's public address, for links in webhook messages. */
  dashboardUrl?: string | null;
  /** Where generated reports are kept (DATA_DIR/reports). */
  reportsDir: string;
  /** The address a report's figures link to (PUBLIC_URL, or the local server). */
  reportBaseUrl?: string;
  onReportError?: (err: Error) => void;
  /** Demo accounts can sign in only in demo mode (the bundled demo site). */
  demoMode?: boolean;
  /** INGEST_TOKEN: a bearer token with the ingest scope, besides the tokens an admin creates. */
  ingestToken?: string | null;
  /** Password hashing (argon2id unless a test passes a faster one). */
  hasher?: PasswordHasher;
  /** Raw items older than this many days are purged (0: kept for ever). */
  retentionDays?: number;
  /** How long sessions last (SESSION_IDLE_HOURS, SESSION_MAX_DAYS). */
  session?: { idleHours: number; maxDays: number };
  now?: () => Date;
}

/**
 * Repositories and services over one database, wired the same way for the server and the tests:
 * what differs between them (search engine, crawl function, clock) comes in as options.
 */
export function wireServices(o: WireOptions) {
  const { db, events } = o;
  const kick = () => o.onIndexWork?.();
  const itemsRepo = createItemsRepo(db, o.now);
  const outbox = createOutboxRepo(db);
  const sourcesRepo = createSourcesRepo(db);
  const libraryRepo = createLibraryRepo(db);
  const reviewsRepo = createReviewsRepo(db);
  const clusters = createClusterService({ clusters: createClustersRepo(db) });
  const jobs = createJobRunner({
    onProgress: (job) => {
      // A finished job's writes are announced by this event: what dashboards reload next must show them.
      if (job.status === 'done' || job.status === 'failed') requireFreshAnswers(db);
      events.emit('job', job);
    },
    now: o.now,
    log: (err) => o.onJobError?.(err),
  });

  const claimOf = (id: number) => libraryRepo.get(id)?.claim ?? null;
  const recordMatches = createAutoMatch({
    replaceMatches: (itemId, matches, seenAt) => libraryRepo.replaceMatches(itemId, matches, seenAt),
    hasReview: (itemId) => reviewsRepo.getRow(itemId) !== undefined,
    decide: (itemId, libraryId, note, actor, at) =>
      reviewsRepo.setVerdict(itemId, { status: 'confirmed-rumor', note, duplicateOf: null, libraryId }, actor, at, 'auto-match'),
    now: o.now,
  });
  const claims: ClaimStep = {
    apply: (text, tagged) => applyClaimMatches(text, tagged, o.matcher, claimOf),
    record: recordMatches,
  };
  const sentimentScorer = o.sentiment ?? createSentimentScorer(null);
  const sentimentRepo = createSentimentRepo(db);
  const sentiment = createSentimentService({
    sentiment: sentimentRepo,
    getItem: (id) => itemsRepo.getItem(id),
    events,
    onChanged: kick,
    onLearn: o.onSentimentLearn,
    now: o.now,
  });
  const retag = createRetagService({
    items: itemsRepo,
    library: { replaceMatches: recordMatches },
    tagger: () => o.tagger,
    claims: () => claims,
    sentiment: { scorer: () => sentimentScorer, rescore: (id, s, at) => sentimentRepo.rescore(id, s, at) },
    runner: jobs,
    onChanged: kick,
    now: o.now,
  });
  const library = createLibraryService({
    library: libraryRepo,
    reviews: reviewsRepo,
    items: itemsRepo,
    matcher: o.matcher,
    normalise: o.normalise,
    onLibraryChanged: (reason) => retag.request(reason),
    onRebuttal: () => kick(),
    events,
    now: o.now,
  });
  const trendsRepo = createTrendsRepo(db);
  const trends = createTrendsService({ trends: trendsRepo, now: o.now, freshness: freshnessOf(db), version: createChangeVersion(db) });
  const insights = createInsightsService({
    keywords: createKeywordsRepo(db),
    events: createEventsRepo(db),
    extractor: o.keywords ?? createKeywordExtractor(),
    refreshCounts: () => trendsRepo.refresh(),
    now: o.now,
  });
  const voids = createVoidsService({ questions: createQuestionsRepo(db), normalise: o.normalise, now: o.now });
  const topics = createTopicsService({
    topics: createTopicsRepo(db),
    items: itemsRepo,
    runner: jobs,
    normalise: o.normalise,
    events,
    counts: (sinceIso) => {
      trendsRepo.refresh();
      return trendsRepo.topicCounts(hourKey(sinceIso));
    },
    onChanged: kick,
    now: o.now,
  });
  // Dashboards hear of stored items no sooner than the stale tolerance after (see items-announcer.ts).
  const itemsAnnouncer = createItemsAnnouncer((n) => events.emit('items', { new: n }), () => freshnessOf(db).staleMs);
  const ingest = createIngestService({
    items: itemsRepo,
    sources: sourcesRepo,
    tagger: o.tagger,
    clusters,
    claims,
    topics: topics.step,
    sentiment: sentimentScorer,
    keywords: insights.step,
    questions: voids.step,
    events,
    announce: itemsAnnouncer.announce,
    onStored: kick,
    now: o.now,
  });
  // What the schedules and "crawl now" use: the config file's sources (o.sources, synced at start-up)
  // plus those added from the dashboard, read from SQLite each time so changes apply without a restart.
  const configuredSources = (): SourceConfig[] => [...o.sources, ...sourcesRepo.dashboardConfigs()];
  const crawl = createCrawlService({
    sources: sourcesRepo,
    ingest,
    events,
    runCrawl: o.runCrawl,
    configured: configuredSources,
    frontier: createFrontierRepo(db),
  });
  const items = createItemsService({
    items: itemsRepo,
    index: o.index,
    normalise: o.normalise,
    clusters,
    onSearchFallback: o.onSearchFallback,
  });
  const review = createReviewService({
    items: itemsRepo,
    reviews: reviewsRepo,
    queue: createReviewQueueRepo(db),
    library,
    events,
    onChanged: kick,
    onLearn: o.onLearn,
    claimMinutes: o.claimMinutes,
    normalise: o.normalise,
    now: o.now,
  });
  const sightings = createSightingsService({
    ingest,
    items: itemsRepo,
    sightings: createSightingsRepo(db),
    findByUrl: (url) => itemsRepo.idByUrl(url),
    transaction: (fn) => db.transaction(fn)(),
    now: o.now,
  });
  const alertsRepo = createAlertsRepo(db);
  const delivery = createWebhookDelivery({ alerts: alertsRepo, post: o.webhookPost, dashboardUrl: o.dashboardUrl, now: o.now });
  const alerts = createAlertsService({
    alerts: alertsRepo,
    getItem: (id) => itemsRepo.getItem(id),
    events,
    onQueued: () => void delivery.tick(),
    now: o.now,
  });
  const alertEvaluator = createAlertEvaluator({
    rules: alertsRepo,
    signals: createAlertSignalsRepo(db),
    alerts,
    topicName: (id) => topics.name(id),
    now: o.now,
  });
  const testWebhook = (id: number) => {
    const w = alertsRepo.getWebhook(id);
    if (!w) throw new NotFoundError('webhook', id);
    return delivery.test(w);
  };
  const ledger = createLedgerService({ ledger: createLedgerRepo(db), now: o.now });
  const stats = createStatsService({ stats: createStatsRepo(db, trendsRepo), sources: sourcesRepo, now: o.now });
  const auth = createAuthService({
    repo: createAuthRepo(db),
    hasher: o.hasher ?? argon2Hasher,
    demoMode: o.demoMode ?? false,
    ingestToken: o.ingestToken ?? null,
    session: o.session,
    now: o.now,
  });
  const retention = createRetentionService({
    repo: createRetentionRepo(db),
    refreshCounts: () => trendsRepo.refresh(),
    onPurged: (ids) => {
      for (const id of ids) clusters.index.remove(id);
      kick();
    },
    days: o.retentionDays ?? 0,
    now: o.now,
  });
  const reportsRepo = createReportsRepo(db);
  const reports = createReportsService({
    reports: reportsRepo,
    files: createReportFiles(o.reportsDir),
    figures: {
      ledgerTotals: (q) => ledger.totals(q),
      units: () => ledger.units(),
      targets: () => ledger.targets(),
      unitActivity: (from, to, unitId) => reportsRepo.unitActivity(from, to, unitId),
      entriesPerDay: (from, to, unitId) => reportsRepo.entriesPerDay(from, to, unitId),
      volume: (q) => trends.volume(q),
      rumours: (q) => trends.rumours(q),
      clock: (fromIso, toIso) => library.clock({ fromIso, toIso }),
      district: () => ledger.findDistrict(),
    },
    events,
    baseUrl: o.reportBaseUrl ?? o.dashboardUrl ?? 'http://127.0.0.1:8787',
    now: o.now,
    log: (err) => o.onReportError?.(err),
  });

  return {
    itemsRepo,
    outbox,
    sourcesRepo,
    configuredSources,
    libraryRepo,
    reviewsRepo,
    clusters,
    jobs,
    retag,
    library,
    ingest,
    crawl,
    items,
    review,
    sightings,
    stats,
    topics,
    sentiment,
    sentimentRepo,
    trends,
    trendsRepo,
    insights,
    voids,
    ledger,
    reports,
    auth,
    retention,
    alerts,
    alertEvaluator,
    delivery,
    testWebhook,
    itemsAnnouncer,
    /** After a person's change: no cached answer may lag the database any more (see change-version.ts). */
    requireFreshAnswers: () => requireFreshAnswers(db),
    /** Loads what lives in memory (near-duplicate and claim indexes, topic rules) from SQLite. */
    rebuildIndexes() {
      return { ...clusters.rebuild(), libraryEntries: library.rebuildIndex(), topics: topics.load() };
    },
  };
}

export type Services = ReturnType<typeof wireServices>;

/**
 * The services the HTTP app serves, picked from the wiring: the one list main, the tests and the
 * benchmarks hand to createApp, so a new service is added once.
 */
export function serviceDeps(s: Services) {
  return {
    items: s.items,
    review: s.review,
    library: s.library,
    sightings: s.sightings,
    jobs: s.jobs,
    stats: s.stats,
    topics: s.topics,
    sentiment: s.sentiment,
    trends: s.trends,
    insights: s.insights,
    alerts: s.alerts,
    voids: s.voids,
    ledger: s.ledger,
    reports: s.reports,
    auth: s.auth,
    testWebhook: s.testWebhook,
    sources: s.sourcesRepo,
    onPersonWrite: s.requireFreshAnswers,
  };
}
