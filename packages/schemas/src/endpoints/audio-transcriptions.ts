import type * as v from 'valibot';
import { createModelUsageResultSchema, defineModelUsageEndpoint } from '../model-usage';

/** One audio_transcriptions usage result: seconds and requests for one bucket and group. */
export const AudioTranscriptionsResultSchema = /* @__PURE__ */ createModelUsageResultSchema(
  'organization.usage.audio_transcriptions.result',
  'seconds',
);

/** One audio_transcriptions usage result. */
export type AudioTranscriptionsResult = v.InferOutput<typeof AudioTranscriptionsResultSchema>;

/** `GET /organization/usage/audio_transcriptions`. */
export const audioTranscriptionsEndpoint = /* @__PURE__ */ (() =>
  // Pure IIFE: bundlers drop it when unused, whatever it spreads or calls inside.
  defineModelUsageEndpoint({
    name: 'audio_transcriptions',
    label: 'Audio: transcriptions',
    resultObject: 'organization.usage.audio_transcriptions.result',
    resultSchema: AudioTranscriptionsResultSchema,
    counterName: 'seconds',
    unit: 'seconds',
    counterLabel: 'Seconds',
  }))();

/** Query parameters of the audio_transcriptions endpoint. */
export type AudioTranscriptionsParams = v.InferOutput<
  typeof audioTranscriptionsEndpoint.paramsSchema
>;
