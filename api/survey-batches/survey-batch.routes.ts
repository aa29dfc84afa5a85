/**
 * /api/survey-batches: upload (multipart) → validate in the background → preview (state, counts,
 * report, rejects) → commit or discard; progress as server-sent events.
 */
import fs from 'node:fs';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Router, type Response } from 'express';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { z } from '../http/zod.ts';
import { validationFailed } from '../http/errors.ts';
import { defineRoute } from '../http/route.ts';
import type { BatchProgress, BatchProgressHub } from './batch-progress.ts';
import { writeRejects } from './reject-export.ts';
import { batchIdParams, batchListQuery, importOptionsSchema, rejectsQuery, stagedQuery, stagedRowsSchema, surveyBatchSchema, uploadForm } from './survey-batch.schemas.ts';
import { findBatch, listBatches, selectStagedSample } from './survey-batch.repository.ts';
import { actorOf, assertCanSee, commitBatch, createBatch, discardBatch, validateBatch } from './survey-batch.service.ts';
import { receiveUpload } from './survey-upload.ts';

export interface SurveyBatchRoutesOptions {
  uploadsDir: string;
  uploadLimitBytes: number;
  hub: BatchProgressHub;
  logger: Logger;
}

const readers = ['contractor', 'dispatcher', 'admin'] as const;
const terminal = new Set<BatchProgress['phase']>(['done', 'failed', 'committed']);

export function surveyBatchRoutes(knex: Knex, registry: OpenAPIRegistry, options: SurveyBatchRoutesOptions): Router {
  const router = Router();
  const tags = ['survey batches'];

  defineRoute(
    router,
    registry,
    { method: 'post', path: '/api/survey-batches', summary: 'Upload a survey (zip or shapefile set); validation starts in the background', tags, roles: ['contractor', 'admin'], multipart: uploadForm, response: { status: 202, description: 'Accepted; follow /events or poll the batch', schema: surveyBatchSchema } },
    async ({ req, res, principal }) => {
      const upload = await receiveUpload(req, res, options.uploadsDir, options.uploadLimitBytes);
      const parsed = importOptionsSchema.safeParse(upload.fields);
      if (!parsed.success) {
        fs.rmSync(upload.dir, { recursive: true, force: true });
        const issue = parsed.error.issues[0]!;
        throw validationFailed(`invalid form field ${issue.path.join('.')}: ${issue.message}`, parsed.error.issues);
      }
      const name = upload.fields.name?.trim() || upload.files[0]!.name;
      const batch = await createBatch(knex, { name, files: upload.files, checksum: upload.checksum, options: parsed.data }, actorOf(principal!), String(req.id));
      // validation runs after the response; its outcome is the batch's state
      void validateBatch(knex, batch.id, upload.inputPath, options.hub)
        .catch((error: unknown) => options.logger.error({ err: error, batch: batch.id }, 'survey batch validation crashed'))
        .finally(() => fs.rmSync(upload.dir, { recursive: true, force: true }));
      res.status(202).location(`/api/survey-batches/${batch.id}`).json(batch);
    },
  );

  defineRoute(
    router,
    registry,
    { method: 'get', path: '/api/survey-batches', summary: 'Survey batches (a contractor sees its own)', tags, roles: readers, query: batchListQuery, response: { description: 'Batches, newest first', schema: z.array(surveyBatchSchema) } },
    ({ query, principal }) => listBatches(knex, { ...query, contractorId: principal!.role === 'contractor' ? principal!.userId : undefined }),
  );

  defineRoute(
    router,
    registry,
    { method: 'get', path: '/api/survey-batches/:id', summary: 'A survey batch: state, counts, report', tags, roles: readers, params: batchIdParams, response: { description: 'The batch', schema: surveyBatchSchema } },
    async ({ params, principal }) => {
      const batch = assertCanSee(await findBatch(knex, params.id), principal, params.id);
      const progress = options.hub.last(batch.id);
      return progress ? { ...batch, progress } : batch;
    },
  );

  defineRoute(
    router,
    registry,
    { method: 'get', path: '/api/survey-batches/:id/events', summary: 'Progress as server-sent events (event: progress, data: JSON)', tags, roles: readers, params: batchIdParams, response: { description: 'text/event-stream', contentType: 'text/event-stream', schema: z.string() } },
    async ({ params, principal, req, res }) => {
      const batch = assertCanSee(await findBatch(knex, params.id), principal, params.id);
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      const send = (progress: BatchProgress | { batchId: number; phase: string; state: string }) => res.write(`event: progress\ndata: ${JSON.stringify(progress)}\n\n`);
      const last = options.hub.last(batch.id);
      if ((last && terminal.has(last.phase)) || (!last && batch.state !== 'uploaded')) {
        send(last ?? { batchId: batch.id, phase: batch.state === 'failed' ? 'failed' : 'done', state: batch.state });
        return void res.end();
      }
      if (last) send(last);
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
      const stop = options.hub.subscribe(batch.id, (progress) => {
        send(progress);
        if (terminal.has(progress.phase)) close(res);
      });
      const close = (response: Response) => {
        clearInterval(heartbeat);
        stop();
        response.end();
      };
      req.on('close', () => close(res));
    },
  );

  defineRoute(
    router,
    registry,
    { method: 'get', path: '/api/survey-batches/:id/rejects', summary: 'Rejected rows as JSON, CSV or GeoJSON (streamed)', tags, roles: readers, params: batchIdParams, query: rejectsQuery, response: { description: 'The rejects' } },
    async ({ params, query, principal, res }) => {
      const batch = assertCanSee(await findBatch(knex, params.id), principal, params.id);
      await writeRejects(knex, batch, query.format, query.rule, res);
    },
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/survey-batches/:id/staged',
      summary: "A validated batch's accepted rows as GeoJSON points, for the preview map (none once committed or discarded)",
      tags,
      roles: readers,
      params: batchIdParams,
      query: stagedQuery,
      response: { description: 'The rows in the box, or an even sample of them', schema: stagedRowsSchema },
    },
    async ({ params, query, principal }) => {
      assertCanSee(await findBatch(knex, params.id), principal, params.id);
      return { type: 'FeatureCollection' as const, ...(await selectStagedSample(knex, params.id, query.bbox, query.limit)) };
    },
  );

  defineRoute(
    router,
    registry,
    { method: 'post', path: '/api/survey-batches/:id/commit', summary: 'Apply a validated batch to the inventory (one transaction)', tags, roles: ['contractor', 'admin'], params: batchIdParams, response: { description: 'The committed batch', schema: surveyBatchSchema } },
    async ({ params, principal, req }) => {
      assertCanSee(await findBatch(knex, params.id), principal, params.id);
      return commitBatch(knex, params.id, actorOf(principal!), String(req.id));
    },
  );

  defineRoute(
    router,
    registry,
    { method: 'post', path: '/api/survey-batches/:id/discard', summary: 'Drop a batch that is not committed', tags, roles: ['contractor', 'admin'], params: batchIdParams, response: { description: 'The discarded batch', schema: surveyBatchSchema } },
    async ({ params, principal, req }) => {
      assertCanSee(await findBatch(knex, params.id), principal, params.id);
      return discardBatch(knex, params.id, actorOf(principal!), String(req.id));
    },
  );
  return router;
}
