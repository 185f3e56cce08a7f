import { createRoute, z } from '@hono/zod-openapi';
import { ReportFile, ReportKind, ReportList, ReportPreviewQuery, ReportRequest } from '../contracts/report';
import { createRouter, jsonBody, jsonResponses, problemResponses } from '../http/openapi-app';
import type { ReportsService } from '../services/reports-service';
import { IdParam } from './items';

const tags = ['reports'];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
// The print view is our own HTML, but it quotes crawled text: even if an escape were ever missed,
// nothing in it may run or load.
const PRINT_VIEW_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

const listRoute = createRoute({
  method: 'get', path: '/reports', tags, summary: 'Generated work-summary reports, newest first (scheduled weekly and monthly ones included)',
  request: { query: z.object({ kind: ReportKind.optional() }) },
  responses: jsonResponses(ReportList, 'The reports'),
});
const createReportRoute = createRoute({
  method: 'post', path: '/reports', tags,
  summary: 'Generate a work-summary report for a period (and optionally one unit with its sub-units)',
  description:
    'Answers 202 with the queued report at once; generation runs in the background, its progress sent as the SSE event "report". ' +
    'Days are Asia/Shanghai; the period may not start in the future and covers at most 731 days.',
  request: { body: jsonBody(ReportRequest) },
  responses: { 202: { description: 'Queued', content: { 'application/json': { schema: ReportFile } } }, ...problemResponses },
});
const getRoute = createRoute({
  method: 'get', path: '/reports/{id}', tags, summary: 'One report with its status and progress',
  request: { params: IdParam }, responses: jsonResponses(ReportFile, 'The report'),
});
const docxRoute = createRoute({
  method: 'get', path: '/reports/{id}/docx', tags, summary: 'Download a finished report as DOCX (409 while it is being generated or after it failed)',
  request: { params: IdParam },
  responses: { 200: { description: 'The DOCX file', content: { [DOCX]: { schema: z.any() } } }, ...problemResponses, 409: { description: 'Not ready (problem+json)' } },
});
const htmlRoute = createRoute({
  method: 'get', path: '/reports/{id}/html', tags, summary: 'The print view of a finished report (the same figures and charts as its DOCX)',
  request: { params: IdParam },
  responses: { 200: { description: 'An HTML page', content: { 'text/html': { schema: z.string() } } }, ...problemResponses, 409: { description: 'Not ready (problem+json)' } },
});
const previewRoute = createRoute({
  method: 'get', path: '/reports/preview', tags, summary: 'The print view of any period, rendered now and not kept',
  request: { query: ReportPreviewQuery },
  responses: { 200: { description: 'An HTML page', content: { 'text/html': { schema: z.string() } } }, ...problemResponses },
});

/** RFC 6266 with an ASCII fallback: the titles are Chinese. */
function attachment(name: string): string {
  return `attachment; filename="report.docx"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function reportsRoutes(reports: ReportsService) {
  return (
    createRouter()
      .openapi(listRoute, (c) => c.json(reports.list(c.req.valid('query').kind), 200))
      .openapi(createReportRoute, (c) => c.json(reports.request(c.req.valid('json')), 202))
      // Registered before /reports/{id} reads "preview" as an id.
      .openapi(previewRoute, async (c) => {
        const html = await reports.preview(c.req.valid('query'));
        c.header('content-security-policy', PRINT_VIEW_CSP);
        return c.html(html, 200);
      })
      .openapi(getRoute, (c) => c.json(reports.get(c.req.valid('param').id), 200))
      .openapi(docxRoute, (c) => {
        const file = reports.file(c.req.valid('param').id, 'docx');
        c.header('content-type', DOCX);
        c.header('content-disposition', attachment(file.name));
        return c.body(new Uint8Array(file.bytes), 200);
      })
      .openapi(htmlRoute, (c) => {
        const file = reports.file(c.req.valid('param').id, 'html');
        c.header('content-security-policy', PRINT_VIEW_CSP);
        return c.html(file.bytes.toString('utf8'), 200);
      })
  );
}
